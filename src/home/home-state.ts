import type { ApprovalAction } from '../approvals/approval-request';
import type { AlertClass } from '../alerts/problem';
import type { ClusterStreaming } from '../gke/list-clusters';

/** A pending approval request as the Home lists it (with the same Approve / Deny as its message). */
export interface HomeApproval {
  id: string;
  action: ApprovalAction;
  /** "prod-1 (pool web) in us-east1, project acme" */
  target: string;
  requestedBy: string;
  /** Epoch ms. */
  expiresAt: number;
}

/** An open alert as the Home lists it. */
export interface HomeAlert {
  id: string;
  cluster: string;
  location: string | null;
  class: AlertClass;
  count: number;
  /** ISO time of the latest entry. */
  lastSeen: string;
  /** Epoch ms; muted until then (absent or past = not muted). */
  mutedUntil?: number;
}

/** One project's section: its clusters (or why they could not be listed), approvals and alerts. */
export interface HomeProject {
  project: string;
  /** null when the list failed: `error` says why, the rest of the Home still renders. */
  clusters: ClusterStreaming[] | null;
  error?: string;
  /** Zones GKE could not answer for: their clusters are missing from the list. */
  missingZones: string[];
  approvals: HomeApproval[];
  alerts: HomeAlert[];
}

/** Everything the Home tab shows, read by the `home` job; render-home.ts turns it into a view. */
export interface HomeState {
  /** Epoch ms of the read (the "updated" line, and which mutes are still in force). */
  now: number;
  projects: HomeProject[];
  /** Lines about what was left out (more projects, approvals or alerts than the Home lists). */
  notes: string[];
}
