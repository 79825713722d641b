import { ClientConfig, Message, PubSub } from '@google-cloud/pubsub';
import { ThrottledFailureLog } from '../../../src/pubsub/throttled-failure-log';
import type Redis from 'ioredis';
import type { Logger } from '../../../src/logging/logger';
import type { RestartTimers } from '../../../src/pubsub/restart-backoff';
import { StreamingPull } from '../../../src/pubsub/streaming-pull';
import { CutShortDelays } from './cut-short-delays';
import { ClaimResult, EventClaims, EventLease } from './event-claims';
import { pubsubMessageIdSchema, readChatEventMessage } from './read-chat-event-message';

/** What the handler learns about the Pub/Sub message besides the event. */
export interface ChatEventMeta {
  /** The Pub/Sub message id: the same on every redelivery, the key of the exactly-once claim. */
  messageId: string;
  /** The message's attributes (Chat sets none on interaction events; given for logging and routing). */
  attributes: Record<string, string>;
}

/** Options of ChatEventSubscriber. */
export interface ChatEventSubscriberOptions {
  /** GOOGLE_CHAT_SUBSCRIPTION: `projects/P/subscriptions/S` or just `S`. */
  subscription: string;
  /** A Pub/Sub client (left open on stop), or the options to build one (closed on stop). */
  pubsub: PubSub | ClientConfig;
  /** The app's Redis: the exactly-once claims live there. */
  redis: Redis;
  /** Prefix of the claim keys (the app's Redis prefix). */
  keyPrefix: string;
  logger: Logger;
  /**
   * Handles one event (the parsed JSON object of the message, not yet validated as a Chat event)
   * and sends its answer through the Chat API: Pub/Sub apps answer only asynchronously. Resolves
   * once the event's effect is done; a rejection makes Pub/Sub redeliver it, to be retried.
   * Called at most once per message id that resolves, across every replica.
   */
  handle: (event: unknown, meta: ChatEventMeta) => Promise<void>;
  /** Counters for the metrics endpoint, called beside `stats`. */
  metrics?: { received(): void; acked(): void; poison(): void };
  /** Flow control: events held at once; default 100. */
  maxMessages?: number;
  /** Parallel streaming pulls; default 1 (Chat events arrive at human pace). */
  maxStreams?: number;
  /**
   * Wait before a message that cannot be settled now is nacked (Redis down, handler failed, another
   * replica busy with it); default 1000. Keep it above the client's 100 ms modAck batching: a nack
   * sent with the receipt's deadline extension may land before it and wait out a whole ack deadline.
   */
  nackDelayMs?: number;
  /** How long a claim holds without renewal (renewed every third of it while handling); default 60000. */
  leaseMs?: number;
  /** How long a handled message id is remembered; default 24 h. */
  doneTtlMs?: number;
  /** First wait before reopening a lost stream (doubling, jittered); default 1000. */
  restartBaseMs?: number;
  /** Cap of that wait; default 60000. */
  restartMaxMs?: number;
  /** Timers for that wait (tests hold and count them); default setTimeout. */
  restartTimers?: RestartTimers;
}

/** Counters since start. */
export interface ChatEventSubscriberStats {
  /** Deliveries, redeliveries included. */
  received: number;
  /** Events the handler finished (once per message id across replicas). */
  handled: number;
  acked: number;
  /** Deliveries of a message id handled before: acked without handling. */
  duplicates: number;
  /** Deliveries found while another replica held the claim: nacked, to be looked at again. */
  busy: number;
  /** Messages whose data is not a JSON object, counted once per message id. */
  poison: number;
  /** Nacks of a message that failed here (Redis, handler) or was busy elsewhere; each is redelivered. */
  nacked: number;
}

/** Pub/Sub holds at most this many bytes of events in memory per subscriber. */
const MAX_BYTES = 16 * 1024 * 1024;

/**
 * Pulls the Chat app's interaction events from its Pub/Sub subscription (GOOGLE_CHAT_SUBSCRIPTION)
 * and hands each one to `handle` exactly once across replicas and redeliveries (the claim rules
 * are in event-claims.ts): claim -> handle -> mark done -> ack. A message is acked only once its
 * event is handled (or was, elsewhere) or when it is poison; everything else is nacked after
 * `nackDelayMs` and comes back. The stream is reopened with a backoff when the client gives up
 * on it; isRunning() tells /readyz whether it is open.
 */
export class ChatEventSubscriber {
  readonly stats: ChatEventSubscriberStats = {
    received: 0,
    handled: 0,
    acked: 0,
    duplicates: 0,
    busy: 0,
    poison: 0,
    nacked: 0,
  };
  private readonly pubsub: PubSub;
  private readonly ownsPubsub: boolean;
  private readonly claims: EventClaims;
  private readonly pull: StreamingPull;
  private readonly delays = new CutShortDelays();
  private readonly failures: ThrottledFailureLog;

  constructor(private readonly options: ChatEventSubscriberOptions) {
    this.failures = new ThrottledFailureLog(options.logger, 'google chat event step failed');
    this.ownsPubsub = !(options.pubsub instanceof PubSub);
    this.pubsub = options.pubsub instanceof PubSub ? options.pubsub : new PubSub(options.pubsub);
    this.claims = new EventClaims(options.redis, {
      keyPrefix: options.keyPrefix,
      leaseMs: options.leaseMs,
      doneTtlMs: options.doneTtlMs,
    });
    this.pull = new StreamingPull(this.pubsub, {
      subscription: options.subscription,
      name: 'google chat',
      maxMessages: options.maxMessages ?? 100,
      maxBytes: MAX_BYTES,
      maxStreams: options.maxStreams ?? 1,
      logger: options.logger,
      onMessage: (message) => this.onMessage(message),
      restartBaseMs: options.restartBaseMs ?? 1000,
      restartMaxMs: options.restartMaxMs ?? 60_000,
      restartTimers: options.restartTimers,
    });
  }

  /** Opens the streaming pull; events flow from here on. */
  async start(): Promise<void> {
    this.pull.start();
  }

  /** True while the streaming pull is open (for /readyz): false before start, after stop, and while waiting to reopen. */
  isRunning(): boolean {
    return this.pull.isRunning();
  }

  /**
   * Stops taking events: messages waiting to be nacked are nacked now, events being handled finish
   * (acked), new deliveries and whatever the client still holds are nacked for another replica.
   */
  async stop(): Promise<void> {
    const stopped = this.pull.stop();
    this.delays.cutShort();
    await stopped;
    if (this.ownsPubsub) await this.pubsub.close();
  }

  private async onMessage(message: Message): Promise<void> {
    this.stats.received += 1;
    this.options.metrics?.received();
    const id = pubsubMessageIdSchema.safeParse(message.id);
    const read = readChatEventMessage(message.data);
    if (!id.success || 'poison' in read) {
      await this.dropPoison(
        message,
        id.success ? id.data : undefined,
        'poison' in read ? read.poison : 'bad message id',
      );
      return;
    }
    let claim: ClaimResult;
    try {
      claim = await this.claims.claim(id.data);
    } catch (err) {
      await this.retryLater(message, 'claim', err);
      return;
    }
    if (claim.kind === 'done') {
      this.stats.duplicates += 1;
      this.ack(message);
      return;
    }
    if (claim.kind === 'busy') {
      // Not acked: the replica holding it may still fail. Looked at again after the redelivery.
      this.stats.busy += 1;
      await this.nackLater(message);
      return;
    }
    if (this.pull.isStopping) {
      await claim.lease.release().catch(() => undefined);
      message.nack();
      return;
    }
    await this.handleClaimed(message, id.data, read.event, claim.lease);
  }

  private async handleClaimed(
    message: Message,
    messageId: string,
    event: Record<string, unknown>,
    lease: EventLease,
  ): Promise<void> {
    const stopRenewing = this.keepRenewing(message, lease);
    try {
      await this.options.handle(event, { messageId, attributes: { ...message.attributes } });
    } catch (err) {
      stopRenewing();
      // Freed now, so the redelivery (to any replica) retries at once rather than after the lease.
      await lease.release().catch((releaseErr: unknown) => this.failures.failed(message.id, 'release', releaseErr));
      await this.retryLater(message, 'handle', err);
      return;
    }
    stopRenewing();
    this.stats.handled += 1;
    try {
      if ((await lease.done()) === 'lost') {
        this.options.logger.warn(
          { messageId },
          'google chat event claim ran out while handling; another replica took it',
        );
      }
    } catch (err) {
      // The effect happened: ack anyway (a nack would re-run it once the lease runs out).
      this.failures.failed(message.id, 'done', err);
    }
    this.ack(message);
  }

  /** Renews the lease every third of it while the handler runs; returns the function that stops renewing. */
  private keepRenewing(message: Message, lease: EventLease): () => void {
    let warned = false;
    const timer = setInterval(() => {
      lease.renew().then(
        (held) => {
          if (held || warned) return;
          warned = true;
          this.options.logger.warn({ messageId: message.id }, 'google chat event claim lost while handling');
        },
        (err: unknown) => this.failures.failed(message.id, 'renew', err),
      );
    }, this.claims.leaseMs / 3);
    timer.unref();
    return () => clearInterval(timer);
  }

  /**
   * Acked: no redelivery can make it readable. Counted and logged once by its id, never its
   * content: Pub/Sub may deliver it again, to either replica, before the ack lands.
   */
  private async dropPoison(message: Message, messageId: string | undefined, reason: string): Promise<void> {
    let first = true;
    if (messageId !== undefined) {
      try {
        first = await this.claims.firstPoison(messageId);
      } catch (err) {
        // Redis cannot tell: counted again rather than never.
        this.failures.failed(message.id, 'poison', err);
      }
    }
    if (first) {
      this.stats.poison += 1;
      this.options.metrics?.poison();
      this.options.logger.warn({ messageId, reason }, 'unreadable google chat event dropped');
    } else {
      this.stats.duplicates += 1;
    }
    this.ack(message);
  }

  private ack(message: Message): void {
    message.ack();
    this.stats.acked += 1;
    this.options.metrics?.acked();
  }

  private async retryLater(message: Message, step: string, err: unknown): Promise<void> {
    this.failures.failed(message.id, step, err);
    await this.nackLater(message);
  }

  /** Holds the message back a moment before the nack, so an outage or a busy claim is not a redelivery loop. */
  private async nackLater(message: Message): Promise<void> {
    if (!this.pull.isStopping) await this.delays.wait(this.options.nackDelayMs ?? 1000);
    message.nack();
    this.stats.nacked += 1;
  }
}
