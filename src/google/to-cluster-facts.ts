import { known } from '../facts/fact';
import { ClusterFacts } from '../facts/types';
import { ClusterResponse } from './cluster-response';
import { ClusterTarget } from './cluster-target';
import { gkeVersionFact } from './gke-version-fact';

/** The cluster-wide facts of a GKE `Cluster` response (Private Google Access is read elsewhere). */
export function toClusterFacts(cluster: ClusterResponse, target: ClusterTarget): ClusterFacts {
  const subnetwork = cluster.networkConfig?.subnetwork ?? cluster.subnetwork ?? undefined;
  return {
    name: target.cluster,
    location: target.location,
    project: target.project,
    autopilot: known(cluster.autopilot?.enabled === true, 'GKE API cluster.autopilot.enabled'),
    createdVersion: gkeVersionFact(cluster.initialClusterVersion, 'cluster.initialClusterVersion'),
    streamingDefault: known(
      cluster.nodePoolDefaults?.nodeConfigDefaults?.gcfsConfig?.enabled === true,
      'GKE API cluster.nodePoolDefaults.nodeConfigDefaults.gcfsConfig.enabled',
    ),
    ...(subnetwork ? { subnetwork } : {}),
  };
}
