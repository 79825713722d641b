import type { container_v1 } from 'googleapis/build/src/apis/container';
import { ClusterRef } from './cluster-ref';
import { getCluster } from './get-cluster';
import { clusterWarnings, poolWarnings } from './status-warnings';
import { StreamingSource, clusterStreamingState } from './streaming-settings';

/** One node pool's streaming state. */
export interface PoolStatus {
  name: string;
  streaming: boolean;
  /** See clusterStreamingState. */
  source: StreamingSource;
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
  const { autopilot, clusterDefault, pools: states } = clusterStreamingState(cluster);
  const pools = states.map(({ pool, streaming, source }): PoolStatus => {
    const version = pool.version ?? null;
    const imageType = pool.config?.imageType ?? null;
    return {
      name: pool.name,
      streaming,
      source,
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
