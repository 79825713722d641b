import { Rule, fail, pass } from './rule';

/**
 * Requirement: if VPC Service Controls protect the images, containerfilesystem.googleapis.com must be in
 * the perimeter. No API the bot reads tells this (Access Context Manager is out of docs/image-streaming.md), so it
 * comes from `--vpc-sc` only.
 */
export const vpcSc: Rule = {
  id: 'vpc-sc',
  scope: 'cluster',
  evaluate({ facts }) {
    const vpcSc = facts.workload.vpcSc;
    if (vpcSc === undefined) {
      return {
        status: 'skip',
        reason: 'whether VPC Service Controls protect the images is not known',
        settledBy: ['--vpc-sc'],
      };
    }
    if (vpcSc === 'none') return pass('does not apply: the images are not behind VPC Service Controls');
    if (vpcSc === 'included') return pass('containerfilesystem.googleapis.com is in the service perimeter');
    return fail(
      'VPC Service Controls protect the images but containerfilesystem.googleapis.com is not in the perimeter',
      'add containerfilesystem.googleapis.com to the restricted services of the perimeter (gcloud access-context-manager perimeters update PERIMETER --add-restricted-services=containerfilesystem.googleapis.com)',
    );
  },
};
