import { Fact, known, unknownFact } from '../facts/fact';
import { PoolFacts } from '../facts/types';
import { ClusterResponse, NodePoolResponse } from './cluster-response';
import { gkeVersionFact } from './gke-version-fact';
import { nodeLocationsFact } from './node-locations-fact';
import { privateNodesFact } from './private-nodes-fact';

/** The facts of one node pool of a GKE `Cluster` response. */
export function toPoolFacts(pool: NodePoolResponse, cluster: ClusterResponse, clusterLocation: string): PoolFacts {
  const config = pool.config;
  return {
    name: pool.name,
    gkeVersion: gkeVersionFact(pool.version, 'nodePool.version'),
    imageType: presentFact(config?.imageType, 'GKE API nodePool.config.imageType'),
    streamingEnabled: known(config?.gcfsConfig?.enabled === true, 'GKE API nodePool.config.gcfsConfig.enabled'),
    oauthScopes: presentFact(config?.oauthScopes, 'GKE API nodePool.config.oauthScopes'),
    serviceAccount: known(serviceAccountOf(config?.serviceAccount), 'GKE API nodePool.config.serviceAccount'),
    privateNodes: privateNodesFact(cluster, pool),
    nodeLocations: nodeLocationsFact(cluster, clusterLocation, pool),
  };
}

/** Absent or "default" means the Compute Engine default service account (null). */
export function serviceAccountOf(value: string | null | undefined): string | null {
  return !value || value === 'default' ? null : value;
}

// GKE always fills these for a pool; when it does not, we do not guess the default.
export function presentFact<T>(value: T | null | undefined, source: string): Fact<T> {
  return value === null || value === undefined ? unknownFact(`${source} is absent`) : known(value, source);
}
