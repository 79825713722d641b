import { isAtLeast } from '../versions/gke-version';
import { THRESHOLDS } from '../versions/thresholds';
import { Rule, need, pass, warn } from './rule';

/**
 * Requirement: Autopilot clusters created at >= 1.25.5-gke.1000 stream automatically (no per-cluster
 * switch). The page says nothing of older Autopilot clusters, so they get a warning, not a failure:
 * the streaming-enabled rule reports what gcfsConfig actually says.
 */
export const autopilot: Rule = {
  id: 'autopilot',
  scope: 'cluster',
  evaluate({ facts }) {
    const isAuto = need(facts.cluster.autopilot, 'cluster mode (Autopilot or Standard)', ['--autopilot']);
    if (!isAuto.ok) return isAuto.outcome;
    if (!isAuto.value) return pass('does not apply: Standard cluster');
    const created = need(facts.cluster.createdVersion, 'the GKE version the Autopilot cluster was created at', [
      '--created-version',
    ]);
    if (!created.ok) return created.outcome;
    const min = THRESHOLDS.autopilotAutomatic;
    if (isAtLeast(created.value, min)) {
      return pass(`Autopilot cluster created at ${created.value.raw} >= ${min.raw}: streaming is automatic`);
    }
    return warn(
      `Autopilot cluster created at ${created.value.raw}, before ${min.raw}: streaming is automatic only for Autopilot clusters created at ${min.raw} or later`,
      `create a new Autopilot cluster at GKE ${min.raw} or later (gcloud container clusters create-auto ... --cluster-version=${min.raw}) and move the workloads`,
    );
  },
};
