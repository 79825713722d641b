import { parseArtifactRegistryImage } from '../images/artifact-registry';
import { CLUSTER_FLAGS, Rule, need, pass, unknown } from './rule';

const ROLE = 'roles/serviceusage.serviceUsageConsumer';

/**
 * Requirement: nodes with a custom service account need roles/serviceusage.serviceUsageConsumer on the
 * project that hosts the image. Inherited and group grants do not show in the project policy, so a
 * missing binding is `unknown`, never `fail` (docs/image-streaming.md, "Other checks").
 */
export const saRole: Rule = {
  id: 'sa-role',
  scope: 'pool',
  evaluate({ facts, pool }) {
    const sa = need(pool.serviceAccount, "the nodes' service account", ['--service-account', ...CLUSTER_FLAGS]);
    if (!sa.ok) return sa.outcome;
    if (sa.value === null) return pass('does not apply: nodes use the default service account');
    const imageProject = parseArtifactRegistryImage(facts.image)?.project;
    if (!imageProject) return pass('does not apply: the image is not in Artifact Registry (see artifact-registry)');
    const grant = `gcloud projects add-iam-policy-binding ${imageProject} --member=serviceAccount:${sa.value} --role=${ROLE}`;
    const iam = need(facts.imageProjectIam, `IAM policy of project ${imageProject}`, CLUSTER_FLAGS);
    if (!iam.ok) return iam.outcome.status === 'unknown' ? { ...iam.outcome, fix: grant } : iam.outcome;
    const member = `serviceAccount:${sa.value}`;
    const grants = iam.value.filter((b) => b.role === ROLE && b.members.includes(member));
    if (grants.some((b) => !b.condition)) return pass(`${sa.value} has ${ROLE} on ${imageProject}`);
    if (grants.length > 0) {
      return unknown(
        `${sa.value} has ${ROLE} on ${imageProject} only under the condition "${grants[0]!.condition}", which the bot cannot evaluate`,
      );
    }
    return unknown(
      `${sa.value} has no direct ${ROLE} binding on ${imageProject}; an inherited or group grant would not show here`,
      grant,
    );
  },
};
