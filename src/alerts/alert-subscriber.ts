import { Message, PubSub } from '@google-cloud/pubsub';
import { errorMessage } from '../errors';
import type { Logger } from '../logging/logger';
import type { RestartTimers } from '../pubsub/restart-backoff';
import { StreamingPull } from '../pubsub/streaming-pull';
import type { AlertStore } from './alert-store';
import type { RecordOutcome } from './problem';
import { readAlertMessage } from './read-alert-message';

/** Options of AlertSubscriber. */
export interface AlertSubscriberOptions {
  /** The subscription fed by the log sink: `projects/P/subscriptions/S` or just `S`. */
  subscription: string;
  /** Flow control: messages held at once (memory stays bounded under a storm); default 500. */
  maxMessages?: number;
  /** Parallel streaming pulls; default 5 (the client's default). */
  maxStreams?: number;
  /** Wait before a failed message is nacked, so a Redis outage is not a redelivery loop; default 1000. */
  nackDelayMs?: number;
  logger: Logger;
  /**
   * Hands an outcome to the chat (the outbox); awaited before the ack. Called for every outcome:
   * one per destination of the entry's problem, in turn.
   */
  handle: (outcome: RecordOutcome) => Promise<void>;
  store: AlertStore;
  /** `duplicate`: an entry every destination had recorded already (once per entry, not per destination). */
  metrics?: { received(): void; acked(): void; poison(): void; duplicate?(): void };
  /** First wait before reopening a stream the client gave up on (doubling, jittered); default 1000. */
  restartBaseMs?: number;
  /** Cap of that wait; default 60000. A stream that stayed open this long starts again from the base. */
  restartMaxMs?: number;
  /** Timers for that wait (tests hold and count them); default setTimeout. */
  restartTimers?: RestartTimers;
}

/** Counters since start (`nacked` counts failed attempts, each redelivered). */
export interface AlertSubscriberStats {
  received: number;
  acked: number;
  poison: number;
  duplicates: number;
  nacked: number;
}

/** Pub/Sub holds at most this many bytes of messages in memory per subscriber. */
const MAX_BYTES = 64 * 1024 * 1024;
/** At most one failure line per this period: a Redis outage fails every message. */
const ERROR_LOG_INTERVAL_MS = 10_000;

/**
 * Reads the log sink's subscription (streaming pull) and turns each entry into alert outcomes, one
 * per destination of its problem: classify -> store.recordAll (dedup + grouping in Redis) -> handle
 * each (the outbox) -> ack. A message
 * is acked only once its effect is stored, or when it is poison (not JSON, not a LogEntry, over
 * 1 MB: acked, counted and logged once, never redelivered). A Redis or handle failure nacks it,
 * so Pub/Sub redelivers it, and the store replays the outcome instead of counting it twice.
 *
 * When the client gives up on the stream (subscription deleted, NOT_FOUND, PERMISSION_DENIED: it
 * retries only transient codes), the subscriber logs why and reopens it after a capped,
 * jittered exponential backoff, for as long as it is not stopped (src/pubsub/streaming-pull.ts, the
 * stream's life shared with the Google Chat event subscriber).
 */
export class AlertSubscriber {
  readonly stats: AlertSubscriberStats = { received: 0, acked: 0, poison: 0, duplicates: 0, nacked: 0 };
  private readonly pull: StreamingPull;
  private lastErrorLogAt = -Infinity;
  private errorsNotLogged = 0;

  constructor(
    pubsub: PubSub,
    private readonly options: AlertSubscriberOptions,
  ) {
    this.pull = new StreamingPull(pubsub, {
      subscription: options.subscription,
      name: 'alert',
      maxMessages: options.maxMessages ?? 500,
      maxBytes: MAX_BYTES,
      maxStreams: options.maxStreams ?? 5,
      logger: options.logger,
      onMessage: (message) => this.onMessage(message).catch((err: unknown) => this.retryLater(message, 'process', err)),
      restartBaseMs: options.restartBaseMs ?? 1000,
      restartMaxMs: options.restartMaxMs ?? 60_000,
      restartTimers: options.restartTimers,
    });
  }

  /** Opens the streaming pull; messages flow from here on, and a stream the client gives up on is reopened. */
  async start(): Promise<void> {
    this.pull.start();
  }

  /** True while the streaming pull is open: false before start, after stop, and while waiting to reopen. */
  isRunning(): boolean {
    return this.pull.isRunning();
  }

  /**
   * Cancels a pending reopen, lets the messages in hand finish (acked or nacked), then closes the
   * stream, which nacks what arrived meanwhile.
   */
  async stop(): Promise<void> {
    await this.pull.stop();
  }

  private async onMessage(message: Message): Promise<void> {
    this.stats.received += 1;
    this.options.metrics?.received();
    const read = readAlertMessage(message.data);
    if ('poison' in read) {
      // Acked: no redelivery can make it readable. Counted and logged once, by its id (not its
      // content): Pub/Sub may deliver it again, to either replica, before the ack lands.
      if (await this.firstPoison(message)) {
        this.stats.poison += 1;
        this.options.metrics?.poison();
        this.options.logger.warn({ messageId: message.id, reason: read.poison }, 'unreadable alert message dropped');
      } else {
        this.stats.duplicates += 1;
      }
      this.ack(message);
      return;
    }
    let outcomes: RecordOutcome[];
    try {
      outcomes = await this.options.store.recordAll(read.entry);
    } catch (err) {
      await this.retryLater(message, 'record', err);
      return;
    }
    if (outcomes.every((o) => o.kind === 'duplicate')) {
      this.stats.duplicates += 1;
      this.options.metrics?.duplicate?.();
    }
    // One outcome per destination of the problem, each settled once its effect is stored: when a
    // later one fails, the redelivery replays only the destinations not yet handed over.
    for (const outcome of outcomes) {
      try {
        await this.options.handle(outcome);
      } catch (err) {
        // Let the redelivery replay what is left now rather than after the store's lease.
        await this.options.store.settle(read.entry, false).catch(() => undefined);
        await this.retryLater(message, 'handle', err);
        return;
      }
      if (outcome.kind === 'new' || outcome.kind === 'updated' || outcome.kind === 'still_happening') {
        try {
          await this.options.store.settle(read.entry, true, outcome.alert.destination.platform);
        } catch (err) {
          // The effect is stored: go on. A duplicate arriving after the lease would replay the
          // outcome once more, which the outbox absorbs (posts are per alert id).
          this.logFailure(message, 'settle', err);
        }
      }
    }
    this.ack(message);
  }

  /** False for a redelivery of a poison message already counted; true when Redis cannot tell (counted again, never lost). */
  private async firstPoison(message: Message): Promise<boolean> {
    try {
      return await this.options.store.firstPoison(message.id);
    } catch (err) {
      this.logFailure(message, 'poison', err);
      return true;
    }
  }

  private ack(message: Message): void {
    message.ack();
    this.stats.acked += 1;
    this.options.metrics?.acked();
  }

  private async retryLater(message: Message, step: string, err: unknown): Promise<void> {
    this.logFailure(message, step, err);
    const delay = this.options.nackDelayMs ?? 1000;
    if (delay > 0 && !this.pull.isStopping) await new Promise((resolve) => setTimeout(resolve, delay));
    message.nack();
    this.stats.nacked += 1;
  }

  private logFailure(message: Message, step: string, err: unknown): void {
    const now = Date.now();
    if (now - this.lastErrorLogAt < ERROR_LOG_INTERVAL_MS) {
      this.errorsNotLogged += 1;
      return;
    }
    this.options.logger.warn(
      { messageId: message.id, step, err: errorMessage(err), similarNotLogged: this.errorsNotLogged },
      'alert message step failed',
    );
    this.lastErrorLogAt = now;
    this.errorsNotLogged = 0;
  }
}
