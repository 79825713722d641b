import type { container_v1 } from 'googleapis/build/src/apis/container';
import { ClusterResponse, ClusterResponseSchema } from '../google/cluster-response';
import { ClusterRef, parseClusterRef } from './cluster-ref';
import { toGkeError } from './gke-error';
import { clusterPath, describeTarget } from './resource-names';
import { parseOr } from '../validation/parse-or';
import { unexpectedAnswer } from './unexpected-answer';

/** `clusters.get`, validated: the fields the bot reads; UsageError for a bad ref, else GkeError. */
export async function getCluster(container: container_v1.Container, input: ClusterRef): Promise<ClusterResponse> {
  const ref = parseClusterRef(input);
  const name = clusterPath(ref);
  let data: unknown;
  try {
    data = (await container.projects.locations.clusters.get({ name })).data;
  } catch (err) {
    throw toGkeError(err, { action: 'read', resource: describeTarget(ref), permission: 'container.clusters.get' });
  }
  return parseOr(ClusterResponseSchema, data, unexpectedAnswer(`cluster for ${name}`));
}
