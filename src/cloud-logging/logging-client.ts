/**
 * Builds the Cloud Logging v2 client the `errors` command reads with, the way
 * src/google/google-clients.ts builds the others: one auth, one timeout, retries on 429/5xx.
 * The per-API entry point keeps start-up fast (all of `googleapis` costs over a second).
 */
import { logging, logging_v2 } from 'googleapis/build/src/apis/logging';
import { googleRequestOptions, makeAuth } from '../google/google-request-options';

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

/** Creates the client; nothing is contacted until a method is called. */
export function createLoggingClient(options: LoggingClientOptions): logging_v2.Logging {
  // POST is retried: the only POST this client sends is entries:list, a read.
  return logging({
    version: 'v2',
    ...googleRequestOptions(options, makeAuth(options.accessToken), options.endpoint, true),
  });
}
