import type { AlertStore } from '../alerts/alert-store';
import type { AlertState } from '../alerts/problem';
import type { ApprovalRequest } from '../approvals/approval-request';
import type { ApprovalStore } from '../approvals/approval-store';
import { describeTarget } from '../approvals/approval-view';
import { errorMessage } from '../errors';
import type { ProjectClusters } from '../gke/list-clusters';
import type { HomeAlert, HomeApproval, HomeProject, HomeState } from './home-state';

/** What the Home read needs: the cluster lists, the two stores, and the configured projects. */
export interface HomeReadDeps {
  listClusters: (project: string) => Promise<ProjectClusters>;
  approvals: Pick<ApprovalStore, 'listPending'>;
  alerts: Pick<AlertStore, 'listOpen'>;
  /** Configured projects, shown first and in this order. */
  projects: string[];
  now?: () => number;
}

// One clusters.list per project per refresh: a bound on the Google calls one Home open can cost.
const MAX_PROJECTS = 20;
const MAX_APPROVALS = 100;
const MAX_ALERTS = 100;

/**
 * Reads everything the Home shows. Projects are the configured ones plus any that a pending
 * request or an open alert names (so nothing waiting for a click is hidden). A project whose
 * clusters cannot be listed gets its error instead; a Redis failure throws (the job retries).
 */
export async function readHomeState(deps: HomeReadDeps): Promise<HomeState> {
  const now = (deps.now ?? Date.now)();
  const [pending, alerts] = await Promise.all([
    deps.approvals.listPending(MAX_APPROVALS),
    deps.alerts.listOpen(MAX_ALERTS),
  ]);
  const notes: string[] = [];
  if (pending.length >= MAX_APPROVALS) notes.push(`Only the ${MAX_APPROVALS} requests expiring soonest are listed.`);
  if (alerts.length >= MAX_ALERTS) notes.push(`Only the ${MAX_ALERTS} most recently active alerts are listed.`);

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
        approvals: pending.filter((r) => r.target.project === project).map(homeApproval),
        alerts: alerts.filter((a) => a.key.project === project).map(homeAlert),
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

function homeApproval(request: ApprovalRequest): HomeApproval {
  return {
    id: request.id,
    action: request.action,
    target: describeTarget(request.target),
    requestedBy: request.requestedBy,
    expiresAt: request.expiresAt,
  };
}

function homeAlert(alert: AlertState): HomeAlert {
  return {
    id: alert.id,
    cluster: alert.key.cluster,
    location: alert.location,
    class: alert.key.class,
    count: alert.count,
    lastSeen: alert.lastSeen,
    ...(alert.mutedUntil !== undefined ? { mutedUntil: alert.mutedUntil } : {}),
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v !== ''))];
}
