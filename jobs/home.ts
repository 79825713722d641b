import { UnrecoverableError } from 'bullmq';
import { readHomeState } from '../src/home/read-home-state';
import { renderHome } from '../src/slack/render-home';
import { JobPayload } from '../src/queue/job-schemas';
import { JobRunner } from './worker-deps';

/**
 * Reads the Home's state (GKE cluster lists, pending approvals, open alerts) and publishes the
 * page the user is on with views.publish. Runs in workers only: the web role never calls Google.
 */
export const runHome: JobRunner<JobPayload<'home'>> = async ({ userId }, deps) => {
  const home = deps.home;
  if (!home) throw new UnrecoverableError('the App Home is not set up in this worker');
  const [page, state] = await Promise.all([
    home.viewers.pageOf(userId),
    readHomeState({
      listClusters: home.listClusters,
      approvals: deps.approvals,
      alerts: home.alerts,
      projects: home.projects,
    }),
  ]);
  const rendered = renderHome(state, page);
  await deps.slack.views.publish({ user_id: userId, view: rendered.view });
  return { page: rendered.page, pages: rendered.pages };
};
