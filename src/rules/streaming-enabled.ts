import { gcloudTarget, poolStreamingCommand } from './gcloud-commands';
import { CLUSTER_FLAGS, Rule, fail, isAutopilot, need, pass } from './rule';

/**
 * Turning it on: a pool streams only when its `gcfsConfig.enabled` is true (absent = off). On
 * Autopilot there is no per-cluster switch; the pool's gcfsConfig still tells the truth.
 */
export const streamingEnabled: Rule = {
  id: 'streaming-enabled',
  scope: 'pool',
  evaluate({ facts, pool, names }) {
    const enabled = need(pool.streamingEnabled, 'image streaming setting of the node pool (gcfsConfig)', CLUSTER_FLAGS);
    if (!enabled.ok) return enabled.outcome;
    if (enabled.value) return pass('image streaming is enabled on the node pool (gcfsConfig.enabled: true)');
    if (isAutopilot(facts)) {
      return fail(
        'image streaming is off on this Autopilot cluster: there is no per-cluster switch',
        `check that the Container File System API is enabled in ${names.project} (gcloud services enable containerfilesystem.googleapis.com --project=${names.project})`,
      );
    }
    return fail(
      'image streaming is not enabled on the node pool (gcfsConfig is empty)',
      `${poolStreamingCommand(names, true)} (or for the whole cluster: gcloud container clusters update ${names.cluster} ${gcloudTarget(names)} --enable-image-streaming)`,
    );
  },
};
