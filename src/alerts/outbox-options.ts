import type { Redis } from 'ioredis';
import type { MessageDocument } from '../chat/message-document';
import type { Logger } from '../logging/logger';
import type { BotMetrics } from '../metrics/bot-metrics';
import type { OutboxAlert, OutboxAlertSource } from './outbox-alert-source';
import type { OutboxSenders } from './outbox-senders';

/**
 * How the outbox is built; every dependency comes in here. A module of its own: the outbox and its
 * worker (outbox-worker.ts) both read it, and the outbox imports the worker.
 */
export interface OutboxOptions<A extends OutboxAlert = OutboxAlert> {
  /** A worker-style connection (maxRetriesPerRequest: null); the caller closes it. */
  connection: Redis;
  /** BullMQ prefix; the outbox's own keys live under `${prefix}:outbox-state:`. */
  prefix: string;
  /** One sender per platform (outboxSenders); a sender that retries 429s itself hides them from the pacing. */
  senders: OutboxSenders;
  alerts: OutboxAlertSource<A>;
  /** The full alert message (posted, then updated in place). */
  render: (alert: A) => MessageDocument;
  /** The "still happening" thread reply. */
  renderStillHappening: (alert: A, count: number) => MessageDocument;
  /** Minimum gap between two messages to one space, across replicas; default each sender's own (Slack's ~1/s). */
  perSpaceIntervalMs?: number;
  /** Minimum gap between two updates of one alert's message; default 5000. */
  updateIntervalMs?: number;
  /** First retry delay after a 5xx or network failure (doubling, with jitter); default 1000. */
  retryBaseMs?: number;
  /**
   * Longest retry delay; default 60000. Retries never stop, except for a channel that takes no
   * message from the bot (not_in_channel, channel_not_found, is_archived): reported once, the
   * message is given up (kept in the failed set; the alert stays in the store).
   */
  retryMaxMs?: number;
  /**
   * How long a channel that takes no message from the bot is not tried again (then a pending update
   * of a given-up alert queues its post again); default 15 minutes.
   */
  undeliverableRetryMs?: number;
  /** Jobs one worker runs at once (different channels proceed in parallel); default 10. */
  concurrency?: number;
  logger: Logger;
  /** Counts what reached Slack and the jobs' attempts (BotMetrics); optional so tests can build an outbox without it. */
  metrics?: Pick<BotMetrics, 'alertSent' | 'jobFinished' | 'alertUndeliverable'>;
}
