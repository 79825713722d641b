/**
 * What startBot takes beside the config. A module of its own: the role starters and the services
 * read these options, and start-bot.ts imports them, so the options cannot live there without an
 * import cycle.
 */
import type { ApplyOptions } from '../gke/apply-streaming-change';
import type { HttpLimits } from './http-limits';
import type { PlatformPlugin } from './platform-plugin';

/** Test seams, and the worker-thread switch (main.ts passes it from config; tests leave it off). */
export interface BotOptions {
  /** Overrides the GKE operation delays that config gives. */
  applyOptions?: ApplyOptions;
  /** Base URL of the Pub/Sub API (setup-alerts); default https://pubsub.googleapis.com/. */
  pubsubEndpoint?: string;
  /** Overrides the HTTP servers' body limit and timeouts (tests inject short ones). */
  httpLimits?: Partial<HttpLimits>;
  /**
   * Role all: run the worker in a worker thread (IMAGESTREAM_WORKER_THREAD, set by `npm start`).
   * Off in tests that start the bot in-process: the thread runs the built dist/ and takes no seams.
   */
  workerThread?: boolean;
  /** Shorter retry delays than production's (tests): command replies on every platform (default 500 ms to 15 s). */
  replyRetry?: RetryDelays;
  /** The same for the alert outbox (default 1 s to 60 s). */
  outboxRetry?: RetryDelays;
  /** Google Chat over Pub/Sub: shorter waits before a nack and before reopening a lost stream (tests). */
  chatSubscriberTiming?: { nackDelayMs?: number; restartBaseMs?: number };
  /** Chat platforms plugged in by code (the playground's web chat), beside those config names. */
  plugins?: PlatformPlugin[];
  /** How long Bolt waits for a listener to ack before answering 404 (default Bolt's 3 s); tests shorten it. */
  unhandledRequestTimeoutMs?: number;
}

/** A doubling backoff: the first delay and the longest one, in ms. */
export interface RetryDelays {
  baseMs: number;
  maxMs: number;
}
