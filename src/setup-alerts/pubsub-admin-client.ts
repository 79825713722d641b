/**
 * Builds the Pub/Sub v1 REST client that `setup-alerts` creates the topic and subscription with,
 * like src/cloud-logging/cloud-logging-client.ts: endpoint override, fixed token or ADC, one timeout.
 * The per-API entry point keeps start-up fast.
 */
import { auth, pubsub, pubsub_v1 } from 'googleapis/build/src/apis/pubsub';
import type { GlobalOptions } from 'googleapis-common';

/** The public endpoint; tests pass a loopback fake instead. */
export const DEFAULT_PUBSUB_ENDPOINT = 'https://pubsub.googleapis.com/';

/** How to reach and authenticate to Pub/Sub. */
export interface PubsubAdminClientOptions {
  /** Base URL like "http://127.0.0.1:8080/"; undefined = https://pubsub.googleapis.com/. */
  endpoint?: string;
  /** A fixed OAuth access token; undefined = Application Default Credentials. */
  accessToken?: string;
  /** Per-request timeout; default 30 s. */
  timeoutMs?: number;
  /** The fetch the client uses; default Node's global fetch. */
  fetch?: typeof fetch;
}

const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** Creates the client; nothing is contacted until a method is called. */
export function createPubsubAdminClient(options: PubsubAdminClientOptions): pubsub_v1.Pubsub {
  const globalOptions: GlobalOptions = {
    auth: makeAuth(options.accessToken),
    // An explicit fetch: gaxios would otherwise import node-fetch dynamically (fails inside Jest's VM).
    fetchImplementation: options.fetch ?? globalThis.fetch,
    timeout: options.timeoutMs ?? 30_000,
    // Creates are not retried blindly: each step of create-alert-plumbing is idempotent on its own.
    retryConfig: { retry: 2, noResponseRetries: 2, httpMethodsToRetry: ['GET'] },
    rootUrl: options.endpoint ?? DEFAULT_PUBSUB_ENDPOINT,
  };
  return pubsub({ version: 'v1', ...globalOptions });
}

function makeAuth(accessToken: string | undefined): GlobalOptions['auth'] {
  if (accessToken === undefined) return new auth.GoogleAuth({ scopes: [CLOUD_PLATFORM_SCOPE] });
  const client = new auth.OAuth2();
  client.setCredentials({ access_token: accessToken, expiry_date: Date.now() + 365 * 24 * 3600e3 });
  return client;
}
