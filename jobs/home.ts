import { readHomeState } from '../src/home/read-home-state';
import { renderHome } from '../src/slack/render-home';
import { JobPayload } from '../src/queue/job-schemas';
import { JobRunner } from './worker-deps';

/**
 * Reads the Home's state (GKE cluster lists, pending approvals, open alerts) and publishes the
 * page the user is on with views.publish. Runs in workers only: the web role never calls Google.
 */
export const runHome: JobRunner<JobPayload<'home'>> = async ({ userId }, deps) => {
  const { home } = deps;
  const [page, state] = await Promise.all([
    home.viewers.pageOf(userId),
    readHomeState({
      viewer: userId,
      logger: deps.logger,
      listClusters: home.listClusters,
      channelMembers: home.channelMembers,
      projects: home.projects,
      approvals: deps.approvals,
      alerts: deps.alerts,
      scope: deps.scope,
      ...(home.undeliverable ? { undeliverable: home.undeliverable } : {}),
    }),
  ]);
  await deps.slack.views.publish({ user_id: userId, view: renderHome(state, page).view });
};
