import type { container_v1 } from 'googleapis/build/src/apis/container';
import { z } from 'zod';
import { ClusterRef, parseClusterRef, parsePoolName } from './cluster-ref';
import { GkeError, toGkeError } from './gke-error';
import { describeTarget, nodePoolPath } from './resource-names';

// Only what the fixes rely on is checked; the rest is kept as GKE sent it, to be copied whole.
const PoolShape = z
  .object({
    name: z.string(),
    version: z.string().nullish(),
    config: z
      .object({ oauthScopes: z.array(z.string()).nullish() })
      .passthrough()
      .nullish(),
  })
  .passthrough();

/**
 * `nodePools.get` (container.clusters.get): the pool as GKE returns it, every field kept (a
 * replacement copies it). null when GKE answers 404; UsageError for bad names, else GkeError.
 */
export async function getNodePool(
  container: container_v1.Container,
  input: ClusterRef,
  pool: string,
): Promise<container_v1.Schema$NodePool | null> {
  const ref = parseClusterRef(input);
  const name = nodePoolPath(ref, parsePoolName(pool));
  let data: unknown;
  try {
    data = (await container.projects.locations.clusters.nodePools.get({ name })).data;
  } catch (err) {
    const failure = toGkeError(err, {
      action: 'read',
      resource: describeTarget(ref, pool),
      permission: 'container.clusters.get',
    });
    if (failure.kind === 'not_found') return null;
    throw failure;
  }
  const parsed = PoolShape.safeParse(data);
  if (!parsed.success) throw new GkeError('other', `GKE API returned an unexpected node pool for ${name}`);
  return parsed.data as container_v1.Schema$NodePool;
}
