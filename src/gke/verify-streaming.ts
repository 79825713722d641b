import type { container_v1 } from 'googleapis/build/src/apis/container';
import { UsageError } from '../errors';
import { ClusterRef, parseClusterRef, parsePoolName } from './cluster-ref';
import { getCluster } from './get-cluster';
import { clusterStreamingDefault, poolStreaming } from './streaming-settings';

/** `gcfsConfig` as gcloud prints it: `{enabled: true}` when on, `{}` when off. */
export interface GcfsConfigView {
  enabled?: boolean;
}

/** The re-read settings, the way `gcloud container clusters|node-pools describe` shows them. */
export interface VerifyResult {
  ref: ClusterRef;
  /** `nodePoolDefaults.nodeConfigDefaults` flattened, as `--flatten nodePoolDefaults.nodeConfigDefaults`. */
  clusterDefault: { gcfsConfig: GcfsConfigView };
  pools: Array<{ name: string; gcfsConfig: GcfsConfigView; nodeLabel: string | null }>;
}

/** docs/image-streaming.md: nodes of streaming pools carry this label (usable in a nodeSelector). */
export const STREAMING_NODE_LABEL = 'cloud.google.com/gke-image-streaming=true';

/**
 * Re-reads the cluster (container.clusters.get) and reports gcfsConfig for the cluster default and
 * every pool, or only `pool`; UsageError for a pool the cluster does not have. Throws GkeError.
 */
export async function verifyStreaming(
  container: container_v1.Container,
  ref: ClusterRef,
  pool?: string,
): Promise<VerifyResult> {
  const target = parseClusterRef(ref);
  const only = pool === undefined ? undefined : parsePoolName(pool);
  const cluster = await getCluster(container, target);
  const listed = cluster.nodePools ?? [];
  const chosen = only === undefined ? listed : listed.filter((p) => p.name === only);
  if (only !== undefined && chosen.length === 0) {
    const names = listed.map((p) => p.name).join(', ') || 'none';
    throw new UsageError(`node pool "${only}" not found in cluster ${target.cluster}; its node pools: ${names}`);
  }
  return {
    ref: target,
    clusterDefault: { gcfsConfig: view(clusterStreamingDefault(cluster)) },
    pools: chosen.map((p) => {
      const on = poolStreaming(p);
      return { name: p.name, gcfsConfig: view(on), nodeLabel: on ? STREAMING_NODE_LABEL : null };
    }),
  };
}

// proto3 JSON leaves a false boolean out, so "off" prints as an empty message.
function view(on: boolean): GcfsConfigView {
  return on ? { enabled: true } : {};
}
