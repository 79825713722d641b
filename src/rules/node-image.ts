import { newStreamingPoolCommand } from './gcloud-commands';
import { Rule, fail, isAutopilot, need, pass } from './rule';

/** Requirement: nodes run Container-Optimized OS with containerd (Autopilot always does). */
export const nodeImage: Rule = {
  id: 'node-image',
  scope: 'pool',
  evaluate({ facts, pool, names }) {
    if (isAutopilot(facts)) return pass('Autopilot nodes always use COS_CONTAINERD');
    const imageType = need(pool.imageType, 'node image type', ['--image-type']);
    if (!imageType.ok) return imageType.outcome;
    if (imageType.value.toUpperCase() === 'COS_CONTAINERD') return pass('node image type is COS_CONTAINERD');
    return fail(
      `node image type is ${imageType.value}; image streaming needs COS_CONTAINERD`,
      `${newStreamingPoolCommand(names)}, and move the workloads`,
    );
  },
};
