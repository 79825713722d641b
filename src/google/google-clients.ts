/**
 * Builds the five Google API clients the eligibility check reads from, with one auth, one
 * timeout and one retry policy. Imports go to the per-API entry points of `googleapis` (the same
 * shape as the `@googleapis/*` packages): loading all of `googleapis` costs over a second.
 */
import { artifactregistry, artifactregistry_v1 } from 'googleapis/build/src/apis/artifactregistry';
import { cloudresourcemanager, cloudresourcemanager_v1 } from 'googleapis/build/src/apis/cloudresourcemanager';
import { compute, compute_v1 } from 'googleapis/build/src/apis/compute';
import { auth, container, container_v1 } from 'googleapis/build/src/apis/container';
import { serviceusage, serviceusage_v1 } from 'googleapis/build/src/apis/serviceusage';
import type { GlobalOptions } from 'googleapis-common';

/** Base URLs like "http://127.0.0.1:8080/"; undefined = Google's default endpoint. */
export interface GoogleEndpoints {
  container?: string;
  artifactregistry?: string;
  serviceusage?: string;
  compute?: string;
  cloudresourcemanager?: string;
}

/** How to reach and authenticate to the Google APIs. */
export interface GoogleClientOptions {
  endpoints?: GoogleEndpoints;
  /** fixed OAuth access token; undefined = Application Default Credentials */
  accessToken?: string;
  /** Per-request timeout; default 30 s. */
  timeoutMs?: number;
  /** First retry delay for 429/5xx/network failures, doubled on the next retry; default 250 ms. */
  retryDelayMs?: number;
  /** The fetch the clients use; default Node's global fetch. */
  fetch?: typeof fetch;
}

/** The API clients, all sharing the same credentials. */
export interface GoogleClients {
  container: container_v1.Container;
  artifactregistry: artifactregistry_v1.Artifactregistry;
  serviceusage: serviceusage_v1.Serviceusage;
  compute: compute_v1.Compute;
  cloudresourcemanager: cloudresourcemanager_v1.Cloudresourcemanager;
  /** an access token for the registry token flow; undefined when no credentials can be found */
  getAccessToken(): Promise<string | undefined>;
}

/** Two retries after the first attempt: "a couple of times", then the fact becomes unknown. */
const RETRIES = 2;
const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** Creates the clients; nothing is contacted until a method is called. */
export function createGoogleClients(options: GoogleClientOptions): GoogleClients {
  const endpoints = options.endpoints ?? {};
  const firstDelay = options.retryDelayMs ?? 250;
  const authClient = makeAuth(options.accessToken);

  // An explicit fetch: gaxios would otherwise `import('node-fetch')` dynamically, which fails
  // inside Jest's VM and loads a second HTTP stack in production.
  const fetchImplementation = options.fetch ?? globalThis.fetch;

  const base = (rootUrl: string | undefined, extraRetryMethods: string[] = []): GlobalOptions => ({
    auth: authClient,
    fetchImplementation,
    timeout: options.timeoutMs ?? 30_000,
    retryConfig: {
      retry: RETRIES,
      noResponseRetries: RETRIES,
      // gaxios' default list; POST is added only where the POST is a read (getIamPolicy), so a
      // later create call (node pools) is never sent twice.
      httpMethodsToRetry: ['GET', 'HEAD', 'PUT', 'OPTIONS', 'DELETE', ...extraRetryMethods],
      statusCodesToRetry: [
        [429, 429],
        [500, 599],
      ],
      // gaxios' own schedule jumps to 500 ms and 1.5 s; a plain doubling keeps CLI runs short.
      retryBackoff: (err) =>
        sleep(firstDelay * 2 ** Math.max(0, (err.config.retryConfig?.currentRetryAttempt ?? 1) - 1)),
    },
    ...(rootUrl ? { rootUrl } : {}),
  });

  return {
    container: container({ version: 'v1', ...base(endpoints.container) }),
    artifactregistry: artifactregistry({ version: 'v1', ...base(endpoints.artifactregistry) }),
    serviceusage: serviceusage({ version: 'v1', ...base(endpoints.serviceusage) }),
    compute: compute({ version: 'v1', ...base(endpoints.compute) }),
    cloudresourcemanager: cloudresourcemanager({
      version: 'v1',
      ...base(endpoints.cloudresourcemanager, ['POST']),
    }),
    getAccessToken: async () => {
      if (options.accessToken !== undefined) return options.accessToken;
      try {
        return (await (authClient as InstanceType<typeof auth.GoogleAuth>).getAccessToken()) ?? undefined;
      } catch {
        // No ADC here: the registry flow then tries anonymously and reports what it gets.
        return undefined;
      }
    },
  };
}

/** A fixed token becomes an OAuth2 client that never refreshes; otherwise ADC. */
function makeAuth(accessToken: string | undefined): GlobalOptions['auth'] {
  if (accessToken === undefined) return new auth.GoogleAuth({ scopes: [CLOUD_PLATFORM_SCOPE] });
  const client = new auth.OAuth2();
  // A far expiry: without one the client would try to refresh, which it cannot do.
  client.setCredentials({ access_token: accessToken, expiry_date: Date.now() + 365 * 24 * 3600e3 });
  return client;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
