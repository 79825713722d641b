import type { AlertStore } from '../alerts/alert-store';
import type { ProjectClusters } from '../gke/list-clusters';
import type { HomeViewers } from './home-viewers';

/** What the `home` job needs besides the usual worker deps (built once by the composition root). */
export interface HomeWorkerDeps {
  /** The page each user is on. */
  viewers: Pick<HomeViewers, 'pageOf'>;
  /** Open alerts and mutes. */
  alerts: Pick<AlertStore, 'listOpen'>;
  /** Configured projects (GOOGLE_CLOUD_PROJECT, then IMAGESTREAM_HOME_PROJECTS). */
  projects: string[];
  /** clusters.list of one project, shared by concurrent refreshes (src/home/shared-cluster-lists.ts). */
  listClusters: (project: string) => Promise<ProjectClusters>;
}
