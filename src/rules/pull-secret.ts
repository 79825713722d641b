import { isAtLeast } from '../versions/gke-version';
import { THRESHOLDS } from '../versions/thresholds';
import { upgradePoolCommand } from './gcloud-commands';
import { Rule, fail, need, pass } from './rule';

/** Limitation: image pull secrets are unsupported before 1.23.5-gke.1900. */
export const pullSecret: Rule = {
  id: 'pull-secret',
  scope: 'pool',
  evaluate({ facts, pool, names }) {
    const min = THRESHOLDS.pullSecrets;
    const version = need(pool.gkeVersion, 'node GKE version', ['--gke-version']);
    if (!version.ok) return version.outcome;
    if (isAtLeast(version.value, min))
      return pass(`GKE ${version.value.raw} >= ${min.raw}: pull secrets are supported`);
    const uses = facts.workload.usesPullSecret;
    if (uses === undefined) {
      return {
        status: 'skip',
        reason: `GKE ${version.value.raw} < ${min.raw} does not support image pull secrets; whether the workload uses one is not known`,
        settledBy: ['--pull-secret', '--no-pull-secret'],
      };
    }
    if (!uses) return pass(`GKE ${version.value.raw} < ${min.raw}, but the workload uses no image pull secret`);
    return fail(
      `the workload uses an image pull secret, unsupported with image streaming before GKE ${min.raw} (nodes run ${version.value.raw})`,
      `upgrade the nodes to ${min.raw} or later (${upgradePoolCommand(names, min.raw)}), or pull with the nodes' service account instead of a secret`,
    );
  },
};
