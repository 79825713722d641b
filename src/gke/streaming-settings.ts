import { ClusterResponse, NodePoolResponse } from '../google/cluster-response';

// DOMAIN.md: "A false value can be absent from the JSON: absent means off".

/** The cluster-level setting, `nodePoolDefaults.nodeConfigDefaults.gcfsConfig.enabled`. */
export function clusterStreamingDefault(cluster: ClusterResponse): boolean {
  return cluster.nodePoolDefaults?.nodeConfigDefaults?.gcfsConfig?.enabled === true;
}

/** A pool's setting, `nodePool.config.gcfsConfig.enabled`. */
export function poolStreaming(pool: NodePoolResponse): boolean {
  return pool.config?.gcfsConfig?.enabled === true;
}
