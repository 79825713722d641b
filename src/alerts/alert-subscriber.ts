import { Message, PubSub, Subscription } from '@google-cloud/pubsub';
import { errorMessage } from '../errors';
import type { Logger } from '../logging/logger';
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
  /** Hands an outcome to Slack (the outbox); awaited before the ack. Called for every outcome. */
  handle: (outcome: RecordOutcome) => Promise<void>;
  store: AlertStore;
  metrics?: { received(): void; acked(): void; poison(): void };
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
 * Reads the log sink's subscription (streaming pull) and turns each entry into an alert outcome:
 * classify -> store.record (dedup + grouping in Redis) -> handle (Slack outbox) -> ack. A message
 * is acked only once its effect is stored, or when it is poison (not JSON, not a LogEntry, over
 * 1 MB: acked, counted and logged once, never redelivered). A Redis or handle failure nacks it,
 * so Pub/Sub redelivers it, and the store replays the outcome instead of counting it twice.
 */
export class AlertSubscriber {
  readonly stats: AlertSubscriberStats = { received: 0, acked: 0, poison: 0, duplicates: 0, nacked: 0 };
  private subscription?: Subscription;
  private stopping = false;
  private readonly inFlight = new Set<Promise<void>>();
  private lastErrorLogAt = -Infinity;
  private errorsNotLogged = 0;

  constructor(
    private readonly pubsub: PubSub,
    private readonly options: AlertSubscriberOptions,
  ) {}

  /** Opens the streaming pull; messages flow from here on. */
  async start(): Promise<void> {
    if (this.subscription) return;
    this.stopping = false;
    const subscription = this.pubsub.subscription(this.options.subscription, {
      flowControl: {
        maxMessages: this.options.maxMessages ?? 500,
        maxBytes: MAX_BYTES,
        // Without this the client may hand over a whole pulled batch past the limit.
        allowExcessMessages: false,
      },
      streamingOptions: { maxStreams: this.options.maxStreams ?? 5 },
      // SubscriberCloseBehaviors.NackImmediately (the constant is not exported by the package index).
      closeOptions: { behavior: 'NACK' },
    });
    subscription.on('message', (message: Message) => {
      const work = this.onMessage(message)
        .catch((err: unknown) => this.retryLater(message, 'process', err))
        .finally(() => this.inFlight.delete(work));
      this.inFlight.add(work);
    });
    // The client retries transient stream errors itself; what reaches here is for the operator.
    subscription.on('error', (err: unknown) =>
      this.options.logger.error(
        { err: errorMessage(err), subscription: this.options.subscription },
        'alert subscription error',
      ),
    );
    this.subscription = subscription;
  }

  /** True while the streaming pull is open: false before start, after stop, and once the client gave up on the stream. */
  isRunning(): boolean {
    return this.subscription?.isOpen === true && !this.stopping;
  }

  /** Stops taking messages, lets those in hand finish (acked or nacked), then closes the stream. */
  async stop(): Promise<void> {
    const subscription = this.subscription;
    if (!subscription) return;
    this.stopping = true;
    await Promise.allSettled([...this.inFlight]);
    subscription.removeAllListeners('message');
    await subscription.close();
    subscription.removeAllListeners('error');
    this.subscription = undefined;
  }

  private async onMessage(message: Message): Promise<void> {
    this.stats.received += 1;
    this.options.metrics?.received();
    if (this.stopping) {
      message.nack();
      return;
    }
    const read = readAlertMessage(message.data);
    if ('poison' in read) {
      // Acked: no redelivery can make it readable. Logged here, once, by its id (not its content).
      this.stats.poison += 1;
      this.options.metrics?.poison();
      this.options.logger.warn({ messageId: message.id, reason: read.poison }, 'unreadable alert message dropped');
      this.ack(message);
      return;
    }
    let outcome: RecordOutcome;
    try {
      outcome = await this.options.store.record(read.entry);
    } catch (err) {
      await this.retryLater(message, 'record', err);
      return;
    }
    if (outcome.kind === 'duplicate') this.stats.duplicates += 1;
    try {
      await this.options.handle(outcome);
    } catch (err) {
      // Let the redelivery replay this outcome now rather than after the store's lease.
      await this.options.store.settle(read.entry, false).catch(() => undefined);
      await this.retryLater(message, 'handle', err);
      return;
    }
    if (outcome.kind === 'new' || outcome.kind === 'updated' || outcome.kind === 'still_happening') {
      try {
        await this.options.store.settle(read.entry, true);
      } catch (err) {
        // The effect is stored: ack anyway. A duplicate arriving after the lease would replay
        // the outcome once more, which the outbox absorbs (posts are per alert id).
        this.logFailure(message, 'settle', err);
      }
    }
    this.ack(message);
  }

  private ack(message: Message): void {
    message.ack();
    this.stats.acked += 1;
    this.options.metrics?.acked();
  }

  private async retryLater(message: Message, step: string, err: unknown): Promise<void> {
    this.logFailure(message, step, err);
    const delay = this.options.nackDelayMs ?? 1000;
    if (delay > 0 && !this.stopping) await new Promise((resolve) => setTimeout(resolve, delay));
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
