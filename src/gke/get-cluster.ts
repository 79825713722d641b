import type { container_v1 } from 'googleapis/build/src/apis/container';
import { ClusterResponse, ClusterResponseSchema } from '../google/cluster-response';
import { ClusterRef, parseClusterRef } from './cluster-ref';
import { GkeError, toGkeError } from './gke-error';
import { clusterPath, describeTarget } from './resource-names';

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
  const parsed = ClusterResponseSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue ? ` at ${issue.path.join('.') || 'top level'}: ${issue.message}` : '';
    throw new GkeError('other', `GKE API returned an unexpected cluster for ${name}${at}`);
  }
  return parsed.data;
}
