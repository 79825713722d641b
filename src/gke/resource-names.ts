import { ClusterRef } from './cluster-ref';

/** `projects/P/locations/L/clusters/C`, the `name` of clusters.get/update. */
export function clusterPath(ref: ClusterRef): string {
  return `projects/${ref.project}/locations/${ref.location}/clusters/${ref.cluster}`;
}

/** `projects/P/locations/L/clusters/C/nodePools/NP`, the `name` of nodePools.get/update. */
export function nodePoolPath(ref: ClusterRef, pool: string): string {
  return `${clusterPath(ref)}/nodePools/${pool}`;
}

/** `projects/P/locations/L/operations/OP` (docs/image-streaming.md: poll at the operation's own location). */
export function operationPath(ref: ClusterRef, name: string, location?: string): string {
  return `projects/${ref.project}/locations/${location ?? ref.location}/operations/${name}`;
}

/** "cluster C in projects/P/locations/L" or "node pool NP of cluster C in ...", for messages. */
export function describeTarget(ref: ClusterRef, pool?: string): string {
  const cluster = `cluster ${ref.cluster} in projects/${ref.project}/locations/${ref.location}`;
  return pool === undefined ? cluster : `node pool ${pool} of ${cluster}`;
}
