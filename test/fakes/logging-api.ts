/**
 * A fake of Cloud Logging's REST API as @google-cloud/logging's REST fallback calls it, on a
 * loopback port:
 * - `POST /v2/entries:list`: serves the given entries in the given order with real paging
 *   (pageSize, opaque pageToken / nextPageToken); filters are recorded, not evaluated (tests
 *   assert the filter text). Asked for `$alt=json;enum-encoding=int` (the library always is),
 *   it answers severities as numbers, as Google does.
 * - `POST /v2/entries:write`: records each entry with the request's logName, resource and labels
 *   applied where the entry has none, as Cloud Logging does; answers `{}`.
 * - sinks: `POST /v2/projects/P/sinks` (409 on a duplicate), `GET /v2/projects/P/sinks/S`.
 * Accepts only `Bearer test-token`; records every request body.
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
  /** Sinks by full name (projects/P/sinks/S), as created. */
  sinks: Map<string, Record<string, unknown>>;
  /** Every sinks request: "METHOD path?query". */
  sinkRequests: string[];
  /** Every entry written (entries:write), the request's defaults applied, in order. */
  written: WrittenEntry[];
  /** How many entries:write calls came in, failed ones included. */
  writeCalls: number;
  /** The next `times` entries:write calls answer `status` with Google's error JSON (default: every call). */
  failWritesWith(status: number, message: string, times?: number): void;
}

/** One LogEntry as entries:write received it (REST JSON). */
export interface WrittenEntry {
  logName?: string;
  resource?: { type?: string; labels?: Record<string, string> };
  labels?: Record<string, string>;
  timestamp?: string;
  severity?: string | number;
  insertId?: string;
  jsonPayload?: Record<string, unknown>;
  textPayload?: string;
}

// LogSeverity numbers (google/logging/type/log_severity.proto).
const SEVERITY_NUMBERS: Record<string, number> = {
  DEFAULT: 0,
  DEBUG: 100,
  INFO: 200,
  NOTICE: 300,
  WARNING: 400,
  ERROR: 500,
  CRITICAL: 600,
  ALERT: 700,
  EMERGENCY: 800,
};

/** The writer identity every sink the fake creates gets. */
export const FAKE_WRITER_IDENTITY = 'serviceAccount:service-123@gcp-sa-logging.iam.gserviceaccount.com';
const SINKS = /^\/v2\/(projects\/[^/]+)\/sinks(?:\/([^/]+))?$/;

/** Options of the fake. */
export interface FakeLoggingOptions {
  /**
   * The entries one entries:list call pages through, picked per call (the playground's simulated
   * cloud reads the request's filter and dates its entries from now); default: `entries` as given.
   */
  entriesFor?: (request: RecordedListRequest) => readonly object[];
}

/** Starts the fake; `entries` are LogEntry-like objects, served as given (newest first, if that is what a test wants). */
export async function startFakeLogging(
  entries: readonly object[],
  options: FakeLoggingOptions = {},
): Promise<FakeLogging> {
  const requests: RecordedListRequest[] = [];
  let failure: { status: number; message: string; left: number } | null = null;

  const sinks = new Map<string, Record<string, unknown>>();
  const sinkRequests: string[] = [];
  const written: WrittenEntry[] = [];
  let writeCalls = 0;
  let writeFailure: { status: number; message: string; left: number } | null = null;
  const fake = await startHttpFake((req: FakeRequest, res) => {
    if (req.method === 'POST' && req.path === '/v2/entries:write') {
      writeCalls += 1;
      if (!req.authorized) return sendError(res, 401, 'Request had invalid authentication credentials.');
      if (writeFailure && writeFailure.left > 0) {
        writeFailure.left -= 1;
        return sendError(res, writeFailure.status, writeFailure.message);
      }
      const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as WriteRequest;
      for (const entry of body.entries ?? []) written.push(withDefaults(entry, body));
      return sendJson(res, {});
    }
    const sink = SINKS.exec(req.path);
    if (sink) {
      sinkRequests.push(`${req.method} ${req.path}?${req.query.toString()}`);
      if (!req.authorized) return sendError(res, 401, 'Request had invalid authentication credentials.');
      return handleSink(req, res, sinks, sink[1]!, sink[2]);
    }
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
    const served = options.entriesFor?.(body) ?? entries;
    const numericEnums = /enum-encoding=int/.test(req.query.get('$alt') ?? '');
    sendJson(res, {
      entries: numericEnums ? served.slice(start, end).map(numericSeverity) : served.slice(start, end),
      ...(end < served.length ? { nextPageToken: `offset-${end}` } : {}),
    });
  });

  return {
    ...fake,
    requests,
    sinks,
    sinkRequests,
    written,
    get writeCalls() {
      return writeCalls;
    },
    failWith(status, message, times = Infinity) {
      failure = { status, message, left: times };
    },
    failWritesWith(status, message, times = Infinity) {
      writeFailure = { status, message, left: times };
    },
  };
}

interface WriteRequest {
  logName?: string;
  resource?: WrittenEntry['resource'];
  labels?: Record<string, string>;
  entries?: WrittenEntry[];
}

/** entries:write's rule: an entry's own logName and resource win; labels are merged, the entry's first. */
function withDefaults(entry: WrittenEntry, request: WriteRequest): WrittenEntry {
  const labels = { ...(request.labels ?? {}), ...(entry.labels ?? {}) };
  return {
    ...entry,
    logName: entry.logName ?? request.logName,
    resource: entry.resource ?? request.resource,
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
  };
}

function numericSeverity(entry: object): object {
  const severity = (entry as { severity?: unknown }).severity;
  return typeof severity === 'string' && severity in SEVERITY_NUMBERS
    ? { ...entry, severity: SEVERITY_NUMBERS[severity] }
    : entry;
}

function handleSink(
  req: FakeRequest,
  res: Parameters<Parameters<typeof startHttpFake>[0]>[1],
  sinks: Map<string, Record<string, unknown>>,
  parent: string,
  id: string | undefined,
): void {
  if (req.method === 'GET' && id) {
    const found = sinks.get(`${parent}/sinks/${id}`);
    return found ? sendJson(res, found) : sendError(res, 404, `Sink ${id} does not exist`);
  }
  if (req.method === 'POST' && !id) {
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    const name = `${parent}/sinks/${String(body.name)}`;
    if (sinks.has(name)) return sendError(res, 409, `Sink ${String(body.name)} already exists`, 'ALREADY_EXISTS');
    const unique = req.query.get('uniqueWriterIdentity') === 'true';
    const created = {
      ...body,
      writerIdentity: unique ? FAKE_WRITER_IDENTITY : 'serviceAccount:cloud-logs@system.gserviceaccount.com',
    };
    sinks.set(name, created);
    return sendJson(res, created);
  }
  sendError(res, 404, `no route ${req.method} ${req.path}`);
}
