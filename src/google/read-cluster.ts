import { UsageError } from '../errors';
import { unknownFact } from '../facts/fact';
import { ClusterFacts, PoolFacts } from '../facts/types';
import { apiErrorReason } from './api-error-reason';
import { autopilotPoolFacts } from './autopilot-pool-facts';
import { ClusterResponseSchema } from './cluster-response';
import { ClusterTarget } from './cluster-target';
import { GoogleClients } from './google-clients';
import { toClusterFacts } from './to-cluster-facts';
import { toPoolFacts } from './to-pool-facts';
import { describeIssue } from '../validation/parse-or';

/** The cluster and the pools considered (all, or only `target.pool`). */
export interface ClusterRead {
  cluster: ClusterFacts;
  pools: PoolFacts[];
}

/**
 * Reads the cluster with `container.projects.locations.clusters.get`. API failures become unknown
 * facts; the only throw is a UsageError for a `--pool` the cluster does not have.
 */
export async function readCluster(target: ClusterTarget, clients: GoogleClients): Promise<ClusterRead> {
  const parent = `projects/${target.project}/locations/${target.location}`;
  const name = `${parent}/clusters/${target.cluster}`;
  let data: unknown;
  try {
    data = (await clients.container.projects.locations.clusters.get({ name })).data;
  } catch (err) {
    return unknownCluster(
      target,
      apiErrorReason(err, {
        api: 'GKE API',
        permission: 'container.clusters.get',
        resource: name,
        notFound: `cluster ${target.cluster} not found in ${parent}`,
      }),
    );
  }
  const parsed = ClusterResponseSchema.safeParse(data);
  if (!parsed.success) {
    const at = describeIssue(parsed.error.issues[0]!, 'top level');
    return unknownCluster(target, `GKE API returned an unexpected cluster for ${name} at ${at}`);
  }
  const response = parsed.data;
  const cluster = toClusterFacts(response, target);
  const listed = response.nodePools ?? [];
  if (target.pool !== undefined) {
    const pool = listed.find((p) => p.name === target.pool);
    if (!pool) {
      const names = listed.map((p) => p.name).join(', ') || 'none';
      throw new UsageError(
        `node pool "${target.pool}" not found in cluster ${target.cluster}; its node pools: ${names}`,
      );
    }
    return { cluster, pools: [toPoolFacts(pool, response, target.location)] };
  }
  if (listed.length === 0 && response.autopilot?.enabled === true) {
    return { cluster, pools: [autopilotPoolFacts(response, target.location)] };
  }
  return { cluster, pools: listed.map((p) => toPoolFacts(p, response, target.location)) };
}

/** Every cluster and pool fact unknown for the same reason, with one pool standing for the nodes. */
function unknownCluster(target: ClusterTarget, reason: string): ClusterRead {
  const u = unknownFact(reason);
  return {
    cluster: {
      name: target.cluster,
      location: target.location,
      project: target.project,
      autopilot: u,
      createdVersion: u,
      streamingDefault: u,
      privateGoogleAccess: u,
    },
    pools: [
      {
        ...(target.pool !== undefined ? { name: target.pool } : {}),
        gkeVersion: u,
        imageType: u,
        streamingEnabled: u,
        oauthScopes: u,
        serviceAccount: u,
        privateNodes: u,
        nodeLocations: u,
      },
    ],
  };
}
