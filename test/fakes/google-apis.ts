/**
 * A fake of the five Google REST APIs the eligibility check reads, on 127.0.0.1, serving the
 * documented v1 paths from a state object the test fills with real JSON field names.
 */
import type { GoogleEndpoints } from '../../src/google/google-clients';
import { sendError, sendJson, startHttpFake } from './http-fake';

/** The APIs this fake serves. */
export type FakeApi = 'container' | 'serviceusage' | 'compute' | 'artifactregistry' | 'cloudresourcemanager';

/** Resources by their relative name; a name not present is a 404. */
export interface FakeGoogleState {
  /** `projects/P/locations/L/clusters/C` -> container v1 Cluster */
  clusters: Record<string, unknown>;
  /** `projects/P/services/S` -> serviceusage v1 GoogleApiServiceusageV1Service */
  services: Record<string, unknown>;
  /** `projects/P/regions/R/subnetworks/S` -> compute v1 Subnetwork */
  subnetworks: Record<string, unknown>;
  /** `projects/P/locations/L/repositories/R` -> artifactregistry v1 Repository */
  repositories: Record<string, unknown>;
  /** project id -> cloudresourcemanager v1 Policy */
  iamPolicies: Record<string, unknown>;
  /** Failures answered before the state is consulted, first match wins. */
  failures: FakeFailure[];
}

/** An injected failure: an HTTP error with Google's error JSON, or a dropped connection. */
export interface FakeFailure {
  api: FakeApi;
  /** HTTP status, or 'drop' to close the socket without an answer. */
  status: number | 'drop';
  message?: string;
  /** How many requests it applies to; undefined = all of them. */
  times?: number;
}

/** One request the fake received. */
export interface RecordedRequest {
  api: FakeApi | 'unknown';
  method: string;
  path: string;
  body?: unknown;
}

/** A running fake. */
export interface FakeGoogleApis {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  /** The same URL for all five APIs. */
  endpoints: GoogleEndpoints;
  /** Read on every request: a test may replace it (or mutate it) between calls. */
  state: FakeGoogleState;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** The bearer token the fake accepts (shared by every Google fake). */
export { FAKE_TOKEN } from './http-fake';

interface Route {
  api: FakeApi;
  method: string;
  re: RegExp;
  lookup(state: FakeGoogleState, m: RegExpExecArray): unknown;
}

// Paths as googleapis builds them from `rootUrl` (compute's include `compute/v1/`).
const ROUTES: Route[] = [
  {
    api: 'container',
    method: 'GET',
    re: /^\/v1\/(projects\/[^/]+\/locations\/[^/]+\/clusters\/[^/]+)$/,
    lookup: (s, m) => s.clusters[m[1]!],
  },
  {
    api: 'serviceusage',
    method: 'GET',
    re: /^\/v1\/(projects\/[^/]+\/services\/[^/]+)$/,
    lookup: (s, m) => s.services[m[1]!],
  },
  {
    api: 'compute',
    method: 'GET',
    re: /^\/compute\/v1\/(projects\/[^/]+\/regions\/[^/]+\/subnetworks\/[^/]+)$/,
    lookup: (s, m) => s.subnetworks[m[1]!],
  },
  {
    api: 'artifactregistry',
    method: 'GET',
    re: /^\/v1\/(projects\/[^/]+\/locations\/[^/]+\/repositories\/[^/]+)$/,
    lookup: (s, m) => s.repositories[m[1]!],
  },
  {
    api: 'cloudresourcemanager',
    method: 'POST',
    re: /^\/v1\/projects\/([^/:]+):getIamPolicy$/,
    lookup: (s, m) => s.iamPolicies[m[1]!],
  },
];

/** An empty state, to fill per test. */
export function emptyGoogleState(): FakeGoogleState {
  return { clusters: {}, services: {}, subnetworks: {}, repositories: {}, iamPolicies: {}, failures: [] };
}

/** Starts the fake on a free loopback port. */
export async function startFakeGoogleApis(state: FakeGoogleState = emptyGoogleState()): Promise<FakeGoogleApis> {
  const requests: RecordedRequest[] = [];
  // Declared before the server so the handler reads the current `fake.state`.
  const fake = { state } as FakeGoogleApis;
  const server = await startHttpFake((req, res) => {
    const { method, path } = req;
    const route = ROUTES.find((r) => r.method === method && r.re.test(path));
    requests.push({
      api: route?.api ?? 'unknown',
      method,
      path,
      ...(req.body !== undefined ? { body: req.body } : {}),
    });

    if (!req.authorized) return sendError(res, 401, 'Request had invalid authentication credentials.');
    if (!route) return sendError(res, 404, `fake: no route for ${method} ${path}`);
    const failure = fake.state.failures.find((f) => f.api === route.api && (f.times === undefined || f.times > 0));
    if (failure) {
      if (failure.times !== undefined) failure.times -= 1;
      if (failure.status === 'drop') return req.drop();
      return sendError(res, failure.status, failure.message ?? `injected ${failure.status}`);
    }
    const found = route.lookup(fake.state, route.re.exec(path)!);
    if (found === undefined) return sendError(res, 404, `The resource '${path}' was not found`);
    sendJson(res, found);
  });
  const url = server.url;
  return Object.assign(fake, {
    url,
    endpoints: { container: url, serviceusage: url, compute: url, artifactregistry: url, cloudresourcemanager: url },
    requests,
    close: server.close,
  });
}
