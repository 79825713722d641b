import { auth } from 'googleapis/build/src/apis/container';
import type { GlobalOptions } from 'googleapis-common';

/** How every googleapis client of the bot authenticates, times out and retries. */
export interface GoogleRequestSettings {
  /** A fixed OAuth access token; undefined = Application Default Credentials. */
  accessToken?: string;
  /** Per-request timeout; default 30 s. */
  timeoutMs?: number;
  /** First retry delay for 429/5xx/network failures, doubled on the next retry; default 250 ms. */
  retryDelayMs?: number;
  /** The fetch the clients use; default Node's global fetch. */
  fetch?: typeof fetch;
}

/** Two retries after the first attempt: "a couple of times", then the caller decides. */
const RETRIES = 2;
const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** A fixed token becomes an OAuth2 client that never refreshes; otherwise ADC. */
export function makeAuth(accessToken: string | undefined): GlobalOptions['auth'] {
  if (accessToken === undefined) return new auth.GoogleAuth({ scopes: [CLOUD_PLATFORM_SCOPE] });
  const client = new auth.OAuth2();
  // A far expiry: without one the client would try to refresh, which it cannot do.
  client.setCredentials({ access_token: accessToken, expiry_date: Date.now() + 365 * 24 * 3600e3 });
  return client;
}

/**
 * The request options of one client: auth, fetch, timeout and gaxios retries on 429/5xx and
 * network errors. POST is retried only where the caller says its POSTs are reads
 * (getIamPolicy, entries:list), so a create call is never sent twice.
 */
export function googleRequestOptions(
  settings: GoogleRequestSettings,
  authClient: GlobalOptions['auth'],
  rootUrl: string | undefined,
  retryPost = false,
): GlobalOptions {
  const firstDelay = settings.retryDelayMs ?? 250;
  return {
    auth: authClient,
    // An explicit fetch: gaxios would otherwise `import('node-fetch')` dynamically, which fails
    // inside Jest's VM and loads a second HTTP stack in production.
    fetchImplementation: settings.fetch ?? globalThis.fetch,
    timeout: settings.timeoutMs ?? 30_000,
    retryConfig: {
      retry: RETRIES,
      noResponseRetries: RETRIES,
      httpMethodsToRetry: ['GET', 'HEAD', 'PUT', 'OPTIONS', 'DELETE', ...(retryPost ? ['POST'] : [])],
      statusCodesToRetry: [
        [429, 429],
        [500, 599],
      ],
      // gaxios' own schedule jumps to 500 ms and 1.5 s; a plain doubling keeps CLI runs short.
      retryBackoff: (err) =>
        sleep(firstDelay * 2 ** Math.max(0, (err.config.retryConfig?.currentRetryAttempt ?? 1) - 1)),
    },
    ...(rootUrl ? { rootUrl } : {}),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
