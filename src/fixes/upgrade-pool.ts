import type { container_v1 } from 'googleapis/build/src/apis/container';
import { UsageError } from '../errors';
import { ApplyOptions, ApplyResult } from '../gke/apply-options';
import { ClusterRef, parseClusterRef, parsePoolName } from '../gke/cluster-ref';
import { getNodePool } from '../gke/get-node-pool';
import { toGkeError } from '../gke/gke-error';
import { parseOperation } from '../gke/poll-operation';
import { describeTarget, nodePoolPath } from '../gke/resource-names';
import { runOperation } from '../gke/run-operation';
import { SEND_ONCE } from '../gke/send-once';
import { symlinkFixFor } from '../rules/symlink-rename';
import { compareGkeVersions, isAtLeast, parseGkeVersion, tryParseGkeVersion } from '../versions/gke-version';
import { THRESHOLDS } from '../versions/thresholds';

/**
 * The version to upgrade a pool on `version` to for the symlink rename fix (docs/image-streaming.md limitation
 * symlink-rename): the first fixed patch of its minor (SYMLINK_FIXED_BY_MINOR). null when the
 * version is not affected (before 1.25, a minor the table does not list, already fixed) or unreadable.
 */
export function symlinkFixTarget(version: string): string | null {
  const v = tryParseGkeVersion(version);
  if (!v || !isAtLeast(v, THRESHOLDS.symlinkRegressionFrom)) return null;
  const fixed = symlinkFixFor(v);
  return fixed && compareGkeVersions(v, fixed) < 0 ? fixed.raw : null;
}

/**
 * Upgrades a node pool (docs/image-streaming.md: `PUT .../nodePools/NP` with `{"nodeVersion": V}`,
 * container.clusters.update) and follows the operation to DONE like applyStreamingChange.
 * UsageError for a version that is not MAJOR.MINOR.PATCH-gke.BUILD.
 */
export async function upgradePool(
  container: container_v1.Container,
  input: ClusterRef,
  pool: string,
  version: string,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const ref = parseClusterRef(input);
  const name = nodePoolPath(ref, parsePoolName(pool));
  const target = parseGkeVersion(version);
  return runOperation(
    container,
    ref,
    {
      send: async () => {
        try {
          const res = await container.projects.locations.clusters.nodePools.update(
            { name, requestBody: { nodeVersion: target.raw } },
            SEND_ONCE,
          );
          return parseOperation(res.data, name);
        } catch (err) {
          throw toGkeError(err, {
            action: 'upgrade',
            resource: describeTarget(ref, pool),
            permission: 'container.clusters.update',
          });
        }
      },
      isDone: async () => {
        const now = tryParseGkeVersion((await getNodePool(container, ref, pool))?.version);
        return now !== undefined && isAtLeast(now, target);
      },
      starts: { pool: parsePoolName(pool), operationType: 'UPGRADE_NODES' },
    },
    options,
  );
}

/** The version of a pool now, or UsageError when the cluster has no such pool. */
export async function poolVersion(container: container_v1.Container, ref: ClusterRef, pool: string): Promise<string> {
  const found = await getNodePool(container, ref, pool);
  if (!found) throw new UsageError(`node pool "${pool}" not found in cluster ${ref.cluster}`);
  return found.version ?? '';
}
