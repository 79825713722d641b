/**
 * A fake of Cloud Logging's `POST /v2/entries:list` on a loopback port: serves the given entries
 * in the given order with real paging (pageSize, opaque pageToken / nextPageToken), accepts only
 * `Bearer test-token`, and records every request body. Filters are recorded, not evaluated: tests
 * assert the filter text.
 */
import { FakeRequest, HttpFake, sendError, sendJson, startHttpFake } from './http-fake';

/** Google's default page size of entries:list. */
const DEFAULT_PAGE_SIZE = 50;

/** The body of one entries:list call, as the fake received it. */
export interface RecordedListRequest {
  resourceNames?: string[];
  filter?: string;
  orderBy?: string;
  pageSize?: number;
  pageToken?: string;
}

/** A running fake. */
export interface FakeLogging extends HttpFake {
  /** Every entries:list body received, failed ones included. */
  requests: RecordedListRequest[];
  /** The next `times` calls answer `status` with Google's error JSON (default: every call). */
  failWith(status: number, message: string, times?: number): void;
}

/** Starts the fake; `entries` are LogEntry-like objects, served as given (newest first, if that is what a test wants). */
export async function startFakeLogging(entries: readonly object[]): Promise<FakeLogging> {
  const requests: RecordedListRequest[] = [];
  let failure: { status: number; message: string; left: number } | null = null;

  const fake = await startHttpFake((req: FakeRequest, res) => {
    if (req.method !== 'POST' || req.path !== '/v2/entries:list') {
      sendError(res, 404, `no route ${req.method} ${req.path}`);
      return;
    }
    if (!req.authorized) {
      sendError(res, 401, 'Request had invalid authentication credentials.');
      return;
    }
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as RecordedListRequest;
    requests.push(body);
    if (failure && failure.left > 0) {
      failure.left -= 1;
      sendError(res, failure.status, failure.message);
      return;
    }
    const pageSize = body.pageSize && body.pageSize > 0 ? Math.min(body.pageSize, 1000) : DEFAULT_PAGE_SIZE;
    const start = body.pageToken ? Number(/^offset-(\d+)$/.exec(body.pageToken)?.[1] ?? NaN) : 0;
    if (Number.isNaN(start)) {
      sendError(res, 400, 'invalid page token');
      return;
    }
    const end = start + pageSize;
    sendJson(res, {
      entries: entries.slice(start, end),
      ...(end < entries.length ? { nextPageToken: `offset-${end}` } : {}),
    });
  });

  return {
    ...fake,
    requests,
    failWith(status, message, times = Infinity) {
      failure = { status, message, left: times };
    },
  };
}
