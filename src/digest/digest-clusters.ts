import type { container_v1 } from 'googleapis/build/src/apis/container';
import type { AccessScope } from '../access/access-scope';
import type { AlertRoutes } from '../alerts/alert-routes';
import type { ConversationRef } from '../chat/conversation-ref';
import { errorMessage } from '../errors';
import { type ClusterRef, clusterRefSchema } from '../gke/cluster-ref';
import { listClusters } from '../gke/list-clusters';
import type { Logger } from '../logging/logger';

/** What the digest's tick needs besides the GKE client and the scope: built from config. */
export interface DigestSettings {
  /** The alert routes (IMAGESTREAM_ALERT_CHANNELS, then ALERT_CHANNEL): a cluster's digest goes where its alerts go. */
  routes: AlertRoutes;
  /** GOOGLE_CLOUD_PROJECT, then IMAGESTREAM_HOME_PROJECTS: the projects the App Home lists too. */
  projects: readonly string[];
}

/** A cluster that gets a digest, and where it goes. */
export interface RoutedCluster {
  target: ClusterRef;
  destinations: ConversationRef[];
}

/** The clusters found, and the projects whose list failed (the tick retries them). */
export interface DigestClusters {
  clusters: RoutedCluster[];
  failed: Array<{ project: string; error: string }>;
}

/**
 * The clusters of the digest: every cluster `clusters.list` (location `-`) returns in the
 * configured projects, within the access scope (a project outside it is not even listed), that
 * has an alert route. A project whose list fails is reported, the others still count.
 */
export async function digestClusters(
  deps: { container: container_v1.Container; scope: AccessScope; logger: Logger },
  settings: DigestSettings,
): Promise<DigestClusters> {
  const projects = [...new Set(settings.projects.filter((p) => p !== ''))];
  const clusters: RoutedCluster[] = [];
  const failed: DigestClusters['failed'] = [];
  for (const project of projects) {
    const refused = deps.scope.refusal({ project });
    if (refused !== undefined) {
      deps.logger.info({ project, refused }, 'digest: project outside the access scope, skipped');
      continue;
    }
    let listed;
    try {
      listed = await listClusters(deps.container, project);
    } catch (err) {
      failed.push({ project, error: errorMessage(err) });
      continue;
    }
    if (listed.missingZones.length > 0)
      deps.logger.warn({ project, missingZones: listed.missingZones }, 'digest: GKE did not list some zones');
    for (const cluster of listed.clusters) {
      const parsed = clusterRefSchema.safeParse({ project, location: cluster.location, cluster: cluster.name });
      if (!parsed.success) {
        deps.logger.warn(
          { project, cluster: cluster.name },
          'digest: cluster listed without a usable name or location',
        );
        continue;
      }
      const target = parsed.data;
      if (deps.scope.refusal(target) !== undefined) {
        deps.logger.info({ ...target }, 'digest: cluster outside the access scope, skipped');
        continue;
      }
      // Routes are per cluster or project; the class is part of an alert's key only.
      const destinations = settings.routes({ project, cluster: target.cluster, class: 'permission_denied' });
      if (destinations.length === 0) {
        deps.logger.info({ ...target }, 'digest: no alert route for the cluster, skipped');
        continue;
      }
      clusters.push({ target, destinations });
    }
  }
  return { clusters, failed };
}
