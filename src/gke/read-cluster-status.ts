import type { container_v1 } from 'googleapis/build/src/apis/container';
import { ClusterRef } from './cluster-ref';
import { getCluster } from './get-cluster';
import { clusterWarnings, poolWarnings } from './status-warnings';
import { clusterStreamingDefault, poolStreaming } from './streaming-settings';

/** One node pool's streaming state. */
export interface PoolStatus {
  name: string;
  streaming: boolean;
  /**
   * 'explicit' when the pool's gcfsConfig differs from the cluster default, else 'cluster'. The API
   * has no "set explicitly" flag: a pool set explicitly to the cluster's value reads as 'cluster'.
   */
  source: 'explicit' | 'cluster';
  version: string | null;
  imageType: string | null;
  warnings: string[];
}

/** The cluster-level setting and every pool's, as `/imagestream status` shows them. */
export interface ClusterStatus {
  ref: ClusterRef;
  autopilot: boolean;
  /** The cluster-level setting (`nodePoolDefaults.nodeConfigDefaults.gcfsConfig.enabled`). */
  clusterDefault: boolean;
  masterVersion: string | null;
  pools: PoolStatus[];
  warnings: string[];
}

/** Reads the cluster with `clusters.get` (container.clusters.get); throws GkeError. */
export async function readClusterStatus(container: container_v1.Container, ref: ClusterRef): Promise<ClusterStatus> {
  const cluster = await getCluster(container, ref);
  const autopilot = cluster.autopilot?.enabled === true;
  const clusterDefault = clusterStreamingDefault(cluster);
  const pools = (cluster.nodePools ?? []).map((pool): PoolStatus => {
    const streaming = poolStreaming(pool);
    const version = pool.version ?? null;
    const imageType = pool.config?.imageType ?? null;
    return {
      name: pool.name,
      streaming,
      source: streaming === clusterDefault ? 'cluster' : 'explicit',
      version,
      imageType,
      warnings: poolWarnings({ imageType, version }, autopilot),
    };
  });
  return {
    ref: { project: ref.project, location: ref.location, cluster: ref.cluster },
    autopilot,
    clusterDefault,
    masterVersion: cluster.currentMasterVersion ?? null,
    pools,
    warnings: clusterWarnings({ autopilot, initialVersion: cluster.initialClusterVersion ?? null }),
  };
}
