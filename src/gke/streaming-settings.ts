import { ClusterResponse, NodePoolResponse } from '../google/cluster-response';

// docs/image-streaming.md: "A false value can be absent from the JSON: absent means off".

/** The cluster-level setting, `nodePoolDefaults.nodeConfigDefaults.gcfsConfig.enabled`. */
export function clusterStreamingDefault(cluster: ClusterResponse): boolean {
  return cluster.nodePoolDefaults?.nodeConfigDefaults?.gcfsConfig?.enabled === true;
}

/** A pool's setting, `nodePool.config.gcfsConfig.enabled`. */
export function poolStreaming(pool: NodePoolResponse): boolean {
  return pool.config?.gcfsConfig?.enabled === true;
}

/** Where a pool's streaming state comes from, as `status` and the App Home show it. */
export type StreamingSource = 'explicit' | 'cluster';

/** A cluster's streaming state: Autopilot or not, its default, and each pool's state and source. */
export interface ClusterStreamingState {
  autopilot: boolean;
  clusterDefault: boolean;
  pools: Array<{ pool: NodePoolResponse; streaming: boolean; source: StreamingSource }>;
}

/**
 * Reads a cluster's streaming state. A pool's source is 'explicit' when its gcfsConfig differs from
 * the cluster default, else 'cluster': the API has no "set explicitly" flag, so a pool set
 * explicitly to the cluster's value reads as 'cluster'.
 */
export function clusterStreamingState(cluster: ClusterResponse): ClusterStreamingState {
  const clusterDefault = clusterStreamingDefault(cluster);
  return {
    autopilot: cluster.autopilot?.enabled === true,
    clusterDefault,
    pools: (cluster.nodePools ?? []).map((pool) => {
      const streaming = poolStreaming(pool);
      return { pool, streaming, source: streaming === clusterDefault ? 'cluster' : 'explicit' };
    }),
  };
}
