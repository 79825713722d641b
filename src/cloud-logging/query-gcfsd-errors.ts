import type { Logging } from '@google-cloud/logging';
import { Since, gcfsdFilter, logsExplorerUrl } from './gcfsd-filter';
import { readEntries } from './read-entries';
import { EntrySummarizer, ErrorClassSummary } from './summarize-entries';

export type { ErrorClassSummary } from './summarize-entries';

/** What `/imagestream errors` found in a cluster's logs. */
export interface ErrorsSummary {
  project: string;
  cluster: string;
  since: Since;
  /** the Logging query used, verbatim */
  filter: string;
  /** the Logs Explorer page running that query */
  explorerUrl: string;
  entriesRead: number;
  /** true when more pages remained after maxPages: counts are a lower bound */
  truncated: boolean;
  /** one per class seen, most frequent first */
  classes: ErrorClassSummary[];
  /** entries of no gcfsd error class (info lines, unrelated errors, malformed items) */
  unclassified: number;
}

/** The query of `/imagestream errors`. */
export interface QueryGcfsdErrorsInput {
  project: string;
  cluster: string;
  location?: string;
  since: Since;
  /** At most this many pages are read; default 10. */
  maxPages?: number;
  /** Entries per page; default (and Cloud Logging's maximum) 1000. */
  pageSize?: number;
  /** The end of the time range; default now. */
  now?: Date;
}

/**
 * Reads a cluster's gcfsd errors of the time range, newest first, for at most maxPages pages,
 * classifies every entry and summarises them per class. Throws UsageError on bad input (before
 * any request) and RemoteError when Cloud Logging fails.
 */
export async function queryGcfsdErrors(logging: Logging, input: QueryGcfsdErrorsInput): Promise<ErrorsSummary> {
  const filter = gcfsdFilter(input);
  const summarizer = new EntrySummarizer();
  // The filter bounds timestamp (gcfsdFilter), so the library adds no 24-hour window of its own.
  const read = await readEntries(
    logging,
    { project: input.project, filter, orderBy: 'timestamp desc', maxPages: input.maxPages, pageSize: input.pageSize },
    (entry) => summarizer.add(entry),
  );
  return {
    project: input.project,
    cluster: input.cluster,
    since: input.since,
    filter,
    explorerUrl: logsExplorerUrl(input.project, filter),
    entriesRead: summarizer.entriesRead,
    truncated: read.truncated,
    classes: summarizer.summaries(),
    unclassified: summarizer.unclassified,
  };
}
