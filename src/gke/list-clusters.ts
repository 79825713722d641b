import type { container_v1 } from 'googleapis/build/src/apis/container';
import { z } from 'zod';
import { ClusterResponseSchema } from '../google/cluster-response';
import { parseClusterTarget } from '../google/cluster-target';
import { toGkeError } from './gke-error';
import { StreamingSource, clusterStreamingState } from './streaming-settings';
import { parseOr } from '../validation/parse-or';
import { unexpectedAnswer } from './unexpected-answer';

/** One pool's streaming state, as the App Home lists it. */
interface PoolStreaming {
  name: string;
  streaming: boolean;
  /** See clusterStreamingState. */
  source: StreamingSource;
}

/** One cluster of a project, with its default and every pool's streaming state. */
export interface ClusterStreaming {
  name: string;
  location: string;
  autopilot: boolean;
  /** `nodePoolDefaults.nodeConfigDefaults.gcfsConfig.enabled`, absent = off. */
  clusterDefault: boolean;
  pools: PoolStreaming[];
}

/** Every cluster of a project, and the zones GKE could not answer for (their clusters are missing). */
export interface ProjectClusters {
  clusters: ClusterStreaming[];
  missingZones: string[];
}

const ListResponseSchema = z.object({
  clusters: z.array(ClusterResponseSchema).nullish(),
  missingZones: z.array(z.string()).nullish(),
});

/**
 * `clusters.list` on `projects/P/locations/-` (every zone and region, container.clusters.list),
 * validated. UsageError for a bad project id (nothing is sent), GkeError for the API's refusals.
 */
export async function listClusters(container: container_v1.Container, project: string): Promise<ProjectClusters> {
  // The cluster-target rules own the project id shape; the placeholders only satisfy the other fields.
  const checked = parseClusterTarget({ project, location: 'us-east1', cluster: 'any' }).project;
  const parent = `projects/${checked}/locations/-`;
  let data: unknown;
  try {
    data = (await container.projects.locations.clusters.list({ parent })).data;
  } catch (err) {
    throw toGkeError(err, {
      action: 'list clusters of',
      resource: `project ${checked}`,
      permission: 'container.clusters.list',
    });
  }
  const list = parseOr(ListResponseSchema, data, unexpectedAnswer(`cluster list for project ${checked}`));
  const clusters = (list.clusters ?? []).map((cluster): ClusterStreaming => {
    const { autopilot, clusterDefault, pools } = clusterStreamingState(cluster);
    return {
      name: cluster.name ?? '(unnamed)',
      location: cluster.location ?? '',
      autopilot,
      clusterDefault,
      pools: pools.map(({ pool, streaming, source }) => ({ name: pool.name, streaming, source })),
    };
  });
  return { clusters, missingZones: list.missingZones ?? [] };
}
