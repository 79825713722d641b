import { Fact, known } from '../facts/fact';
import { ClusterResponse, NodePoolResponse } from './cluster-response';

/** Where a pool's nodes run: its own zones, else the cluster's zones, else the cluster location. */
export function nodeLocationsFact(
  cluster: ClusterResponse,
  fallbackLocation: string,
  pool?: NodePoolResponse,
): Fact<string[]> {
  if (pool?.locations && pool.locations.length > 0) return known([...pool.locations], 'GKE API nodePool.locations');
  if (cluster.locations && cluster.locations.length > 0)
    return known([...cluster.locations], 'GKE API cluster.locations');
  return known([cluster.location ?? fallbackLocation], 'GKE API cluster.location');
}
