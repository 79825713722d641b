import type { container_v1 } from 'googleapis/build/src/apis/container';
import type { ClusterRef } from '../src/gke/cluster-ref';
import { GkeError } from '../src/gke/gke-error';
import { readClusterStatus } from '../src/gke/read-cluster-status';
import { regionOf } from '../src/locations/gcp-location';

/**
 * An alert knows its node's zone; the cluster lives in that region (regional cluster) or that zone
 * (zonal cluster). The region is tried first, the zone on a 404; only locations `allowed` says
 * the bot may touch are tried (a listed zone does not allow its region's regional clusters).
 */
export async function locateCluster(
  container: container_v1.Container,
  project: string,
  cluster: string,
  nodeLocation: string,
  allowed: (location: string) => boolean,
): Promise<ClusterRef> {
  const region = regionOf(nodeLocation);
  const candidates = (region === nodeLocation ? [region] : [region, nodeLocation]).filter(allowed);
  for (const location of candidates) {
    try {
      await readClusterStatus(container, { project, location, cluster });
      return { project, location, cluster };
    } catch (err) {
      if (!(err instanceof GkeError && err.kind === 'not_found') || location === candidates.at(-1)) throw err;
    }
  }
  throw new GkeError('not_found', `cluster ${cluster} not found in projects/${project}`);
}
