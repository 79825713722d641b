import type { CheckFacts } from '../facts/types';
import { toPoolFacts } from '../google/to-pool-facts';
import { ImageRef, parseImageRef } from '../images/image-ref';
import { RULES } from '../rules';
import type { NotStreamedCause, StreamingCheck } from './explain-not-streamed';
import type { NodePools } from './node-pools';

/**
 * The rules a nodePools.list response settles on its own: the node version against the
 * thresholds, the node image type, the pool's streaming switch and its OAuth scopes. The others
 * need the image's manifest, registry or project (the live check reads them).
 */
const POOL_RULE_IDS = new Set(['standard-version', 'node-image', 'streaming-enabled', 'node-scopes']);
const POOL_RULES = RULES.filter((r) => POOL_RULE_IDS.has(r.id));

export const IMAGE_RULES_OFFLINE = 'image rules not checked offline';

/**
 * The CLI's check: the pool rules of `check` (src/rules, reused, not restated) on the pool as the
 * pools list describes it; the first that fails is the answer. Without a pools list, or for a
 * pool not in it, nothing is checked and the answer says so.
 */
export function offlinePoolCheck(
  pools: NodePools | undefined,
  names: { cluster?: string | null } = {},
): StreamingCheck {
  return (image, poolName) => {
    const pool = pools?.pools.find((p) => p.name === poolName);
    if (!pool) {
      return {
        rule: null,
        reason: `${pools ? `pool ${poolName ?? '(unknown)'} is not in the pools list` : 'no pools list (--pools)'}: pool rules not checked; ${IMAGE_RULES_OFFLINE}`,
        fix: null,
      };
    }
    const facts: CheckFacts = {
      image: imageRefOf(image),
      cluster: {},
      // Location only feeds the region rule, which is not run here.
      pools: [toPoolFacts(pool, {}, 'LOCATION')],
      workload: {},
    };
    const ctx = {
      facts,
      pool: facts.pools[0]!,
      names: { cluster: names.cluster ?? 'CLUSTER', location: 'LOCATION', project: 'PROJECT', pool: pool.name },
    };
    for (const rule of POOL_RULES) {
      const outcome = rule.evaluate(ctx);
      if (outcome.status === 'fail') {
        return { rule: rule.id, reason: outcome.reason, fix: outcome.fix ?? null } satisfies NotStreamedCause;
      }
    }
    return { rule: null, reason: `pool rules pass; ${IMAGE_RULES_OFFLINE}`, fix: null };
  };
}

/** The rules run here do not read the image; a name kubelet accepts but we do not still goes in. */
function imageRefOf(image: string): ImageRef {
  try {
    return parseImageRef(image);
  } catch {
    return { host: '', path: image, raw: image };
  }
}
