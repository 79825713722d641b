import type { AccessScope } from '../../../src/access/access-scope';
import type { AlertStore } from '../../../src/alerts/alert-store';
import type { ApprovalStore } from '../../../src/approvals/approval-store';
import { approvalView } from '../../../src/approvals/approval-view';
import { errorMessage } from '../../../src/errors';
import type { ProjectClusters } from '../../../src/gke/list-clusters';
import type { Logger } from '../../../src/logging/logger';
import type { ChannelMembers } from './channel-members';
import type { HomeProject, HomeState } from './home-state';
import type { HomeViewers } from './home-viewers';
import { visibleTo } from './home-visibility';

/** What the `home` job needs besides the usual worker deps (built once by the composition root). */
export interface HomeWorkerDeps {
  /** The page each user is on. */
  viewers: Pick<HomeViewers, 'pageOf'>;
  /**
   * Configured projects (GOOGLE_CLOUD_PROJECT, then IMAGESTREAM_HOME_PROJECTS), shown first and in
   * this order; repeats and empty names are fine (readHomeState drops them).
   */
  projects: string[];
  /** clusters.list of one project, shared by concurrent refreshes (shared-cluster-lists.ts). */
  listClusters: (project: string) => Promise<ProjectClusters>;
  /** Who is in a channel (channel-members.ts): a viewer sees only their channels' items. */
  channelMembers: ChannelMembers;
  /** Which of these alert channels take no message from the bot, and Slack's error (AlertOutbox.undeliverable). */
  undeliverable?: (channels: string[]) => Promise<Array<{ channel: string; error: string }>>;
}

/** What the Home read needs: the configured projects and their cluster lists, and the two stores. */
interface HomeReadDeps extends Pick<HomeWorkerDeps, 'projects' | 'listClusters' | 'channelMembers' | 'undeliverable'> {
  /** Whose Home this is. */
  viewer: string;
  logger: Pick<Logger, 'warn'>;
  approvals: Pick<ApprovalStore, 'listPending'>;
  alerts: Pick<AlertStore, 'listOpen'>;
  /** Projects outside it are not listed (a request or alert may still name one from before). */
  scope: Pick<AccessScope, 'refusal'>;
}

// One clusters.list per project per refresh: a bound on the Google calls one Home open can cost.
const MAX_PROJECTS = 20;
const MAX_APPROVALS = 100;
const MAX_ALERTS = 100;

/**
 * Reads everything one viewer's Home shows. Pending requests and open alerts are those of the
 * channels the viewer is in (home-visibility.ts). Projects are the configured ones plus any that
 * such a request or alert names (so nothing waiting for their click is hidden, and nothing of a
 * channel they are not in shows even as a project name), each once. A project
 * whose clusters cannot be listed gets its error instead; a Redis failure throws (the job retries).
 */
export async function readHomeState(deps: HomeReadDeps): Promise<HomeState> {
  const now = Date.now();
  const [allPending, allAlerts] = await Promise.all([
    deps.approvals.listPending(MAX_APPROVALS),
    deps.alerts.listOpen(MAX_ALERTS),
  ]);
  const notes: string[] = [];
  if (allPending.length >= MAX_APPROVALS) notes.push(`Only the ${MAX_APPROVALS} requests expiring soonest are listed.`);
  if (allAlerts.length >= MAX_ALERTS) notes.push(`Only the ${MAX_ALERTS} most recently active alerts are listed.`);
  const { pending, alerts, unreadable } = await visibleTo(
    deps.viewer,
    { pending: allPending, alerts: allAlerts },
    deps.channelMembers,
  );
  if (unreadable.length > 0) {
    // Usually a missing scope (channels:read, groups:read, im:read, mpim:read) or the bot not in a private channel.
    deps.logger.warn(
      { channels: unreadable },
      'could not read who is in a channel; its requests and alerts are hidden',
    );
    notes.push('Some requests or alerts are hidden: the bot could not read who is in their channel.');
  }
  // Alerts the outbox gave up on stay open here; the Home says why they are not in their channel
  // (only for channels this viewer is in, like the alerts themselves).
  for (const { channel, error } of (await deps.undeliverable?.(unique(alerts.map((a) => a.channel)))) ?? []) {
    notes.push(
      `Alerts for channel ${channel} are not posted: Slack answers ${error} (invite the bot there, or fix IMAGESTREAM_ALERT_CHANNELS).`,
    );
  }

  const names = unique([
    ...deps.projects,
    ...[...pending.map((r) => r.target.project), ...alerts.map((a) => a.key.project)].sort(),
  ]);
  if (names.length > MAX_PROJECTS) {
    notes.push(`${names.length - MAX_PROJECTS} more projects are not shown (the Home lists ${MAX_PROJECTS}).`);
  }
  const projects = await Promise.all(
    names.slice(0, MAX_PROJECTS).map(async (project): Promise<HomeProject> => {
      const section: HomeProject = {
        project,
        clusters: null,
        missingZones: [],
        approvals: pending.filter((r) => r.target.project === project).map(approvalView),
        alerts: alerts.filter((a) => a.key.project === project),
      };
      const outside = deps.scope.refusal({ project });
      if (outside !== undefined) {
        section.error = outside;
        return section;
      }
      try {
        const listed = await deps.listClusters(project);
        section.clusters = listed.clusters;
        section.missingZones = listed.missingZones;
      } catch (err) {
        // One project's refusal (permission, bad id, API down) must not blank the others.
        section.error = errorMessage(err);
      }
      return section;
    }),
  );
  return { now, projects, notes };
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v !== ''))];
}
