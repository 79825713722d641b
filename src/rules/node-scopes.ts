import { newStreamingPoolCommand } from './gcloud-commands';
import { CLUSTER_FLAGS, Rule, fail, isAutopilot, need, pass } from './rule';

/** The scope gcfsd needs (docs/image-streaming.md, PermissionDenied "insufficient authentication scopes"). */
export const STORAGE_READ_SCOPE = 'https://www.googleapis.com/auth/devstorage.read_only';

// Scopes that include read access to storage: the broader storage scopes and cloud-platform (all APIs).
const SUFFICIENT = new Set([
  STORAGE_READ_SCOPE,
  'https://www.googleapis.com/auth/devstorage.read_write',
  'https://www.googleapis.com/auth/devstorage.full_control',
  'https://www.googleapis.com/auth/cloud-platform',
]);

/**
 * gcfsd error PermissionDenied: a node without the storage read scope cannot create the Container
 * File System client, and images are pulled without streaming. Scopes of an existing pool cannot
 * change, so the fix is a new pool.
 */
export const nodeScopes: Rule = {
  id: 'node-scopes',
  scope: 'pool',
  evaluate({ facts, pool, names }) {
    if (isAutopilot(facts)) return pass('does not apply: Autopilot manages node scopes');
    const scopes = need(pool.oauthScopes, "the nodes' OAuth scopes", CLUSTER_FLAGS);
    if (!scopes.ok) return scopes.outcome;
    const has = scopes.value.find((s) => SUFFICIENT.has(s));
    if (has) return pass(`nodes have the scope ${has.replace('https://www.googleapis.com/auth/', '')}`);
    return fail(
      `nodes lack the scope ${STORAGE_READ_SCOPE}: gcfsd fails with PermissionDenied and images are pulled without streaming`,
      `scopes of an existing pool cannot change: ${newStreamingPoolCommand(names, ` --scopes=${STORAGE_READ_SCOPE}`)}, then move the workloads`,
    );
  },
};
