import type { Logging } from '@google-cloud/logging';
import type { GatherDeps } from '../check/gather-facts';
import type { Since } from '../cloud-logging/gcfsd-filter';
import type { ClusterResponse } from '../google/cluster-response';
import type { PullsReport } from './pulls-report';

/**
 * STUB (issue 12, digest branch): the pulls helper writes the real reader in parallel; the lead
 * takes that version at merge. Only the signature is relied on here (the digest's tests inject a
 * reader of their own).
 */

/** What to read: the request (target, range, narrowing), the cluster as GKE describes it, the filter. */
export interface ReadPullsReportInput {
  request: {
    target: { project: string; location: string; cluster: string };
    since: Since;
    image?: string;
    namespace?: string;
  };
  cluster: ClusterResponse;
  /** pullEventsFilter's query of the cluster's pull events. */
  filter: string;
}

/** The report, and how the read went: entries read, cut at the bound, entries that did not read. */
export interface ReadPullsReportResult {
  report: PullsReport;
  entriesRead: number;
  truncated: boolean;
  unreadable: number;
}

/** What the reader uses: the Cloud Logging client, and what `check` needs to explain a full pull. */
export interface ReadPullsReportDeps {
  logging: Logging;
  gather: GatherDeps;
}

/** Reads the cluster's pull events and analyses them (the pulls helper's version replaces this stub). */
export async function readPullsReport(
  _input: ReadPullsReportInput,
  _deps: ReadPullsReportDeps,
): Promise<ReadPullsReportResult> {
  throw new Error('not yet');
}
