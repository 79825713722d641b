import type { JobRunner } from '../../../jobs/worker-deps';
import { UnrecoverableError } from 'bullmq';
import type { JobData } from '../../../src/queue/job-schemas';
import { type HomeWorkerDeps, readHomeState } from './read-home-state';
import { renderHome } from './render-home';
import { slackUserIdSchema } from '../slack-ids';

/** What the Slack App Home publishes with (a WebClient fits). */
export interface HomeViewsClient {
  views: { publish(args: { user_id: string; view: unknown }): Promise<unknown> };
}

/** What the `home` job needs besides the worker's stores (built once by the composition root). */
export interface SlackHomeDeps extends HomeWorkerDeps {
  slack: HomeViewsClient;
}

/**
 * The Slack App Home (`home` job): reads the Home's state (GKE cluster lists, pending approvals,
 * open alerts) and publishes the page the user is on with views.publish. Runs in workers only: the
 * web role never calls Google. Registered into the job table by the composition root.
 */
export function slackHomeJob(
  home: SlackHomeDeps,
): JobRunner<JobData<'home'>, 'logger' | 'approvals' | 'alerts' | 'scope'> {
  return async ({ userId: given }, deps) => {
    // The payload's user id is a Slack user's (the App Home is Slack's own).
    const user = slackUserIdSchema.safeParse(given);
    if (!user.success) throw new UnrecoverableError('home: not a Slack user id');
    const userId = user.data;
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
    await home.slack.views.publish({ user_id: userId, view: renderHome(state, page).view });
  };
}
