import { Fact, known } from '../facts/fact';
import { ClusterResponse, NodePoolResponse } from './cluster-response';

/**
 * Whether a pool's nodes are private: the most specific setting wins (pool, then the cluster's
 * network default, then the legacy private cluster config); none set = public nodes.
 */
export function privateNodesFact(cluster: ClusterResponse, pool?: NodePoolResponse): Fact<boolean> {
  const poolSetting = pool?.networkConfig?.enablePrivateNodes;
  if (typeof poolSetting === 'boolean') return known(poolSetting, 'GKE API nodePool.networkConfig.enablePrivateNodes');
  const networkDefault = cluster.networkConfig?.defaultEnablePrivateNodes;
  if (typeof networkDefault === 'boolean') {
    return known(networkDefault, 'GKE API cluster.networkConfig.defaultEnablePrivateNodes');
  }
  const legacy = cluster.privateClusterConfig?.enablePrivateNodes;
  if (typeof legacy === 'boolean') return known(legacy, 'GKE API cluster.privateClusterConfig.enablePrivateNodes');
  return known(false, 'GKE API (no private nodes setting on pool, network or cluster)');
}
