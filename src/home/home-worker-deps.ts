import type { AlertStore } from '../alerts/alert-store';
import type { HomeViewers } from './home-viewers';

/** What the `home` job needs besides the usual worker deps (built once by the composition root). */
export interface HomeWorkerDeps {
  /** The page each user is on. */
  viewers: Pick<HomeViewers, 'pageOf'>;
  /** Open alerts and mutes. */
  alerts: Pick<AlertStore, 'listOpen'>;
  /** Configured projects (GOOGLE_CLOUD_PROJECT, then IMAGESTREAM_HOME_PROJECTS). */
  projects: string[];
}
