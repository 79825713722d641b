import type { Logging } from '@google-cloud/logging';
import { z } from 'zod';
import { UsageError } from '../errors';
import { parseOr } from '../validation/parse-or';
import { CALL_OPTIONS } from './cloud-logging-client';
import { LogEntryJson, toLogEntryJson } from './log-entry-json';
import { toLoggingError } from './logging-error';

/** One bounded read of a project's log entries. */
export interface EntriesQuery {
  /** The project whose logs are read (`resourceNames: ["projects/P"]`). */
  project: string;
  /**
   * The Logging query. It must bound `timestamp` itself: the library adds `timestamp >= now-24h`
   * to any filter that does not mention it, which would silently cut a 7-day read.
   */
  filter: string;
  /** Default newest first. */
  orderBy?: 'timestamp desc' | 'timestamp asc';
  /** Entries per page; default (and Cloud Logging's maximum) 1000. */
  pageSize?: number;
  /** At most this many pages are read; default 10. */
  maxPages?: number;
  /** At most this many entries are handed on; default no limit but the pages'. */
  maxEntries?: number;
}

/** How a read ended. */
export interface EntriesRead {
  entriesRead: number;
  pages: number;
  /** true when entries remained after maxPages or maxEntries: what was read is a lower bound */
  truncated: boolean;
}

const boundsSchema = z.object({
  maxPages: z.number().int().min(1).max(100).default(10),
  pageSize: z.number().int().min(1).max(1000).default(1000),
  maxEntries: z.number().int().min(1).optional(),
});

/**
 * Reads a project's entries through the library's `getEntries`, one page per call (no
 * autoPaginate: the bounds are ours), and hands each entry on as v2 REST JSON, page by page, so
 * a long read never holds more than one page. Throws UsageError on bad bounds or a filter with no
 * time bound (before any request), and RemoteError when Cloud Logging fails (toLoggingError:
 * the 403 names logging.logEntries.list and roles/logging.viewer).
 */
export async function readEntries(
  logging: Logging,
  query: EntriesQuery,
  onEntry: (entry: LogEntryJson) => void,
): Promise<EntriesRead> {
  const { maxPages, pageSize, maxEntries } = parseOr(
    boundsSchema,
    { maxPages: query.maxPages, pageSize: query.pageSize, maxEntries: query.maxEntries },
    (issue) => new UsageError(`invalid page bounds: ${issue.message}`),
  );
  if (!query.filter.includes('timestamp')) {
    throw new UsageError('a Cloud Logging read must bound timestamp in its filter');
  }

  let entriesRead = 0;
  let pages = 0;
  let pageToken: string | undefined;
  let cut = false;
  do {
    const room = maxEntries === undefined ? pageSize : Math.min(pageSize, maxEntries - entriesRead);
    const page = await readPage(logging, query, room, pageToken);
    pages += 1;
    for (const [index, entry] of page.entries.entries()) {
      if (maxEntries !== undefined && entriesRead >= maxEntries) {
        cut = index < page.entries.length;
        break;
      }
      entriesRead += 1;
      onEntry(toLogEntryJson(entry));
    }
    // An empty page with a token means Logging ran out of time, not of entries: keep going.
    pageToken = page.nextPageToken;
  } while (pageToken !== undefined && pages < maxPages && (maxEntries === undefined || entriesRead < maxEntries));

  return { entriesRead, pages, truncated: cut || pageToken !== undefined };
}

async function readPage(
  logging: Logging,
  query: EntriesQuery,
  pageSize: number,
  pageToken: string | undefined,
): Promise<{ entries: unknown[]; nextPageToken?: string }> {
  try {
    const [, , response] = await logging.getEntries({
      resourceNames: [`projects/${query.project}`],
      filter: query.filter,
      orderBy: query.orderBy ?? 'timestamp desc',
      pageSize,
      ...(pageToken ? { pageToken } : {}),
      autoPaginate: false,
      gaxOptions: CALL_OPTIONS,
    });
    // The raw response, not the library's Entry objects: those round timestamps to milliseconds
    // and invent an insertId for an entry that has none.
    const token = response?.nextPageToken;
    return { entries: response?.entries ?? [], ...(token ? { nextPageToken: token } : {}) };
  } catch (err) {
    throw toLoggingError(err, query.project);
  }
}
