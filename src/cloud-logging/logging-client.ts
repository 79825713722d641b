/**
 * Builds the Cloud Logging v2 client the `errors` command reads with, the way
 * src/google/google-clients.ts builds the others: one auth, one timeout, retries on 429/5xx.
 * The per-API entry point keeps start-up fast (all of `googleapis` costs over a second).
 */
import { auth, logging, logging_v2 } from 'googleapis/build/src/apis/logging';
import type { GlobalOptions } from 'googleapis-common';

/** How to reach and authenticate to Cloud Logging. */
export interface LoggingClientOptions {
  /** Base URL like "http://127.0.0.1:8080/"; undefined = https://logging.googleapis.com/. */
  endpoint?: string;
  /** A fixed OAuth access token; undefined = Application Default Credentials. */
  accessToken?: string;
  /** Per-request timeout; default 30 s. */
  timeoutMs?: number;
  /** First retry delay for 429/5xx/network failures, doubled on the next retry; default 250 ms. */
  retryDelayMs?: number;
  /** The fetch the client uses; default Node's global fetch. */
  fetch?: typeof fetch;
}

/** Two retries after the first attempt, as for the other Google clients. */
const RETRIES = 2;
// logging.read would do, but ADC tokens of a workload carry cloud-platform anyway.
const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** Creates the client; nothing is contacted until a method is called. */
export function createLoggingClient(options: LoggingClientOptions): logging_v2.Logging {
  const firstDelay = options.retryDelayMs ?? 250;
  const globalOptions: GlobalOptions = {
    auth: makeAuth(options.accessToken),
    // An explicit fetch: gaxios would otherwise `import('node-fetch')` dynamically, which fails
    // inside Jest's VM and loads a second HTTP stack in production.
    fetchImplementation: options.fetch ?? globalThis.fetch,
    timeout: options.timeoutMs ?? 30_000,
    retryConfig: {
      retry: RETRIES,
      noResponseRetries: RETRIES,
      // POST is retried here because the only POST this client sends is entries:list, a read.
      httpMethodsToRetry: ['GET', 'HEAD', 'PUT', 'OPTIONS', 'DELETE', 'POST'],
      statusCodesToRetry: [
        [429, 429],
        [500, 599],
      ],
      retryBackoff: (err) =>
        sleep(firstDelay * 2 ** Math.max(0, (err.config.retryConfig?.currentRetryAttempt ?? 1) - 1)),
    },
    ...(options.endpoint ? { rootUrl: options.endpoint } : {}),
  };
  return logging({ version: 'v2', ...globalOptions });
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
