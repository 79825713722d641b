import { CLUSTER_FLAGS, Rule, fail, need, pass } from './rule';

/** Requirement: the Container File System API is enabled in the project. */
export const apiEnabled: Rule = {
  id: 'api-enabled',
  scope: 'cluster',
  evaluate({ facts, names }) {
    const enabled = need(facts.apiEnabled, 'Container File System API state', CLUSTER_FLAGS);
    if (!enabled.ok) return enabled.outcome;
    if (enabled.value) return pass('containerfilesystem.googleapis.com is enabled');
    return fail(
      'the Container File System API (containerfilesystem.googleapis.com) is not enabled in the project',
      `gcloud services enable containerfilesystem.googleapis.com --project=${names.project}`,
    );
  },
};
