import type { AlertStore } from '../alerts/alert-store';
import type { ApprovalStore } from '../approvals/approval-store';
import { approvalView } from '../approvals/approval-view';
import { errorMessage } from '../errors';
import type { ProjectClusters } from '../gke/list-clusters';
import type { HomeProject, HomeState } from './home-state';
import type { HomeViewers } from './home-viewers';

/** What the `home` job needs besides the usual worker deps (built once by the composition root). */
export interface HomeWorkerDeps {
  /** The page each user is on. */
  viewers: Pick<HomeViewers, 'pageOf'>;
  /**
   * Configured projects (GOOGLE_CLOUD_PROJECT, then IMAGESTREAM_HOME_PROJECTS), shown first and in
   * this order; repeats and empty names are fine (readHomeState drops them).
   */
  projects: string[];
  /** clusters.list of one project, shared by concurrent refreshes (src/home/shared-cluster-lists.ts). */
  listClusters: (project: string) => Promise<ProjectClusters>;
  /** Which of these alert channels take no message from the bot, and Slack's error (SlackOutbox.undeliverable). */
  undeliverable?: (channels: string[]) => Promise<Array<{ channel: string; error: string }>>;
}

/** What the Home read needs: the configured projects and their cluster lists, and the two stores. */
interface HomeReadDeps extends Pick<HomeWorkerDeps, 'projects' | 'listClusters' | 'undeliverable'> {
  approvals: Pick<ApprovalStore, 'listPending'>;
  alerts: Pick<AlertStore, 'listOpen'>;
}

// One clusters.list per project per refresh: a bound on the Google calls one Home open can cost.
const MAX_PROJECTS = 20;
const MAX_APPROVALS = 100;
const MAX_ALERTS = 100;

/**
 * Reads everything the Home shows. Projects are the configured ones plus any that a pending
 * request or an open alert names (so nothing waiting for a click is hidden), each once. A project
 * whose clusters cannot be listed gets its error instead; a Redis failure throws (the job retries).
 */
export async function readHomeState(deps: HomeReadDeps): Promise<HomeState> {
  const now = Date.now();
  const [pending, alerts] = await Promise.all([
    deps.approvals.listPending(MAX_APPROVALS),
    deps.alerts.listOpen(MAX_ALERTS),
  ]);
  const notes: string[] = [];
  if (pending.length >= MAX_APPROVALS) notes.push(`Only the ${MAX_APPROVALS} requests expiring soonest are listed.`);
  if (alerts.length >= MAX_ALERTS) notes.push(`Only the ${MAX_ALERTS} most recently active alerts are listed.`);
  // Alerts the outbox gave up on stay open here; the Home says why they are not in their channel.
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
