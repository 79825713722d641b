import { code, rich, type RichText } from '../chat/rich-text';
import type { ClusterRef } from '../gke/cluster-ref';

/** `Cluster prod-1 in us-east1, project acme`, each name as code: how status and verify name a cluster. */
export function clusterRefText(ref: ClusterRef): RichText {
  return rich`Cluster ${code(ref.cluster)} in ${code(ref.location)}, project ${code(ref.project)}`;
}
