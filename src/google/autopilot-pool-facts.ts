import { known } from '../facts/fact';
import { PoolFacts } from '../facts/types';
import { ClusterResponse } from './cluster-response';
import { gkeVersionFact } from './gke-version-fact';
import { nodeLocationsFact } from './node-locations-fact';
import { privateNodesFact } from './private-nodes-fact';
import { presentFact, serviceAccountOf } from './to-pool-facts';

/**
 * "The nodes" of an Autopilot cluster that lists no node pool: GKE creates them from the
 * cluster's auto-provisioning defaults, so those fields stand in for a pool's.
 */
export function autopilotPoolFacts(cluster: ClusterResponse, clusterLocation: string): PoolFacts {
  const defaults = cluster.autoscaling?.autoprovisioningNodePoolDefaults;
  const versionField = cluster.currentNodeVersion ? 'cluster.currentNodeVersion' : 'cluster.currentMasterVersion';
  return {
    gkeVersion: gkeVersionFact(cluster.currentNodeVersion ?? cluster.currentMasterVersion, versionField),
    // docs/image-streaming.md: Autopilot nodes always run COS_CONTAINERD.
    imageType: defaults?.imageType
      ? known(defaults.imageType, 'GKE API cluster.autoscaling.autoprovisioningNodePoolDefaults.imageType')
      : known('COS_CONTAINERD', 'Autopilot (nodes always run COS_CONTAINERD)'),
    streamingEnabled: known(
      cluster.nodePoolDefaults?.nodeConfigDefaults?.gcfsConfig?.enabled === true,
      'GKE API cluster.nodePoolDefaults.nodeConfigDefaults.gcfsConfig.enabled',
    ),
    oauthScopes: presentFact(
      defaults?.oauthScopes,
      'GKE API cluster.autoscaling.autoprovisioningNodePoolDefaults.oauthScopes',
    ),
    serviceAccount: known(
      serviceAccountOf(defaults?.serviceAccount),
      'GKE API cluster.autoscaling.autoprovisioningNodePoolDefaults.serviceAccount',
    ),
    privateNodes: privateNodesFact(cluster),
    nodeLocations: nodeLocationsFact(cluster, clusterLocation),
  };
}
