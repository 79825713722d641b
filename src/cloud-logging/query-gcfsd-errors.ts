import type { logging_v2 } from 'googleapis/build/src/apis/logging';
import { z } from 'zod';
import { RemoteError, UsageError } from '../errors';
import { Since, gcfsdFilter, logsExplorerUrl } from './gcfsd-filter';
import { toLoggingError } from './logging-error';
import { EntrySummarizer, ErrorClassSummary } from './summarize-entries';
import { parseOr } from '../validation/parse-or';

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

const boundsSchema = z.object({
  maxPages: z.number().int().min(1).max(100).default(10),
  pageSize: z.number().int().min(1).max(1000).default(1000),
});

// Only the fields read here; the classifier validates each entry on its own.
const pageSchema = z.object({
  entries: z.array(z.unknown()).nullish(),
  nextPageToken: z.string().nullish(),
});

/**
 * Reads a cluster's gcfsd errors of the time range, newest first, for at most maxPages pages,
 * classifies every entry and summarises them per class. Throws UsageError on bad input (before
 * any request) and RemoteError when Cloud Logging fails.
 */
export async function queryGcfsdErrors(
  client: logging_v2.Logging,
  input: QueryGcfsdErrorsInput,
): Promise<ErrorsSummary> {
  const filter = gcfsdFilter(input);
  const { maxPages, pageSize } = parseOr(
    boundsSchema,
    { maxPages: input.maxPages, pageSize: input.pageSize },
    (issue) => new UsageError(`invalid page bounds: ${issue.message}`),
  );

  const summarizer = new EntrySummarizer();
  let pageToken: string | undefined;
  let pages = 0;
  do {
    const page = await readPage(client, input.project, {
      resourceNames: [`projects/${input.project}`],
      filter,
      orderBy: 'timestamp desc',
      pageSize,
      ...(pageToken ? { pageToken } : {}),
    });
    pages += 1;
    for (const entry of page.entries ?? []) summarizer.add(entry);
    // An empty page with a token means Logging ran out of time, not of entries: keep going.
    pageToken = page.nextPageToken || undefined;
  } while (pageToken !== undefined && pages < maxPages);

  return {
    project: input.project,
    cluster: input.cluster,
    since: input.since,
    filter,
    explorerUrl: logsExplorerUrl(input.project, filter),
    entriesRead: summarizer.entriesRead,
    truncated: pageToken !== undefined,
    classes: summarizer.summaries(),
    unclassified: summarizer.unclassified,
  };
}

async function readPage(
  client: logging_v2.Logging,
  project: string,
  requestBody: logging_v2.Schema$ListLogEntriesRequest,
): Promise<z.infer<typeof pageSchema>> {
  let data: unknown;
  try {
    data = (await client.entries.list({ requestBody })).data;
  } catch (err) {
    throw toLoggingError(err, project);
  }
  const page = pageSchema.safeParse(data);
  if (!page.success) throw new RemoteError('Cloud Logging API answered entries:list with an unexpected body');
  return page.data;
}
