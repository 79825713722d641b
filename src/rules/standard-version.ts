import { isAtLeast } from '../versions/gke-version';
import { THRESHOLDS } from '../versions/thresholds';
import { gcloudTarget } from './gcloud-commands';
import { Rule, fail, isAutopilot, need, pass } from './rule';

/** Requirement: Standard clusters run GKE >= 1.18.6-gke.4801 (nodes never run newer than the control plane). */
export const standardVersion: Rule = {
  id: 'standard-version',
  scope: 'pool',
  evaluate({ facts, pool, names }) {
    if (isAutopilot(facts)) return pass('does not apply: Autopilot cluster (see the autopilot rule)');
    const version = need(pool.gkeVersion, 'node GKE version', ['--gke-version']);
    if (!version.ok) return version.outcome;
    const min = THRESHOLDS.standardMinimum;
    if (isAtLeast(version.value, min)) return pass(`GKE ${version.value.raw} >= ${min.raw}`);
    return fail(
      `GKE ${version.value.raw} is older than ${min.raw}, the minimum for image streaming on Standard clusters`,
      `gcloud container clusters upgrade ${names.cluster} --master --cluster-version=${min.raw} ${gcloudTarget(names)}, then upgrade the node pools`,
    );
  },
};
