import type { ClusterStreaming } from '../../../src/gke/list-clusters';
import type { AlertView } from '../render/render-alert';
import type { ApprovalView } from '../render/render-approval';

/** One project's section: its clusters (or why they could not be listed), approvals and alerts. */
export interface HomeProject {
  project: string;
  /** null when the list failed: `error` says why, the rest of the Home still renders. */
  clusters: ClusterStreaming[] | null;
  error?: string;
  /** Zones GKE could not answer for: their clusters are missing from the list. */
  missingZones: string[];
  /** Pending requests, as their approval message shows them (with the same Approve / Deny). */
  approvals: ApprovalView[];
  /** Open alerts (an AlertState of src/alerts fits). */
  alerts: AlertView[];
}

/** Everything the Home tab shows, read by the `home` job; render-home.ts turns it into a view. */
export interface HomeState {
  /** Epoch ms of the read (the "updated" line, and which mutes are still in force). */
  now: number;
  projects: HomeProject[];
  /** Lines about what was left out (more projects, approvals or alerts than the Home lists). */
  notes: string[];
}
