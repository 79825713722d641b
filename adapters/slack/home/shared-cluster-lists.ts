import type { container_v1 } from 'googleapis/build/src/apis/container';
import { type ProjectClusters, listClusters } from '../../../src/gke/list-clusters';

/**
 * clusters.list per project, shared by the Home refreshes running at the same time in one worker:
 * a state change refreshes every recent viewer's Home at once, and they all show the same clusters,
 * so N viewers cost one call per project, not N. Only calls in flight are shared (nothing is
 * cached), so a refresh queued after a change never sees a list read before it.
 */
export function sharedClusterLists(container: container_v1.Container): (project: string) => Promise<ProjectClusters> {
  const inFlight = new Map<string, Promise<ProjectClusters>>();
  return (project) => {
    let call = inFlight.get(project);
    if (!call) {
      call = listClusters(container, project).finally(() => inFlight.delete(project));
      inFlight.set(project, call);
    }
    return call;
  };
}
