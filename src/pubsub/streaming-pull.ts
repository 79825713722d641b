import { Message, PubSub, Subscription, SubscriptionCloseBehaviors } from '@google-cloud/pubsub';
import { errorMessage } from '../errors';
import type { Logger } from '../logging/logger';
import { RestartBackoff, RestartTimers } from './restart-backoff';
import { streamFailureReason } from './stream-failure-reason';

/** Options of StreamingPull. */
export interface StreamingPullOptions {
  /** `projects/P/subscriptions/S` or just `S`. */
  subscription: string;
  /**
   * What the subscription carries, as the log lines name it: `<name> subscription lost; reopening`,
   * `<name> subscription error`, `<name> message failed` (e.g. 'alert', 'google chat').
   */
  name: string;
  /** Flow control: messages held at once. */
  maxMessages: number;
  /** Flow control: bytes of messages held at once. */
  maxBytes: number;
  /** Parallel streaming pulls. */
  maxStreams: number;
  logger: Logger;
  /**
   * Settles (acks or nacks) one message; a rejection is logged and the message nacked. A promise
   * returned for several messages (the alert subscriber answers each message of a batch with the
   * batch's) is tracked once and must not reject: the subscriber settles each of its messages.
   */
  onMessage: (message: Message) => Promise<void>;
  /** First wait before reopening a stream the client gave up on (doubling, jittered). */
  restartBaseMs: number;
  /** Cap of that wait. A stream that stayed open this long starts again from the base. */
  restartMaxMs: number;
  /** Timers for that wait (tests hold and count them); default setTimeout. */
  restartTimers?: RestartTimers;
}

/**
 * The life of one Pub/Sub streaming pull, shared by every subscriber of the bot (alerts, chat
 * events): flow control, the messages in hand tracked so stop() can let them settle, and a stream
 * the client gives up on (subscription deleted, NOT_FOUND, PERMISSION_DENIED: it retries only
 * transient codes itself) reopened after a capped, jittered exponential backoff until stopped.
 * What a message means, and when it is acked, is the subscriber's `onMessage`.
 */
export class StreamingPull {
  private subscription?: Subscription;
  private stopping = false;
  private readonly restart: RestartBackoff;
  /** When the current stream was opened, and the error it reported last (the reason it may have died). */
  private openedAt = 0;
  private streamError: unknown;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly pubsub: PubSub,
    private readonly options: StreamingPullOptions,
  ) {
    this.restart = new RestartBackoff({
      baseMs: options.restartBaseMs,
      maxMs: options.restartMaxMs,
      timers: options.restartTimers,
    });
  }

  /** True once stop() has begun: messages that arrive now are not looked at (close() nacks them). */
  get isStopping(): boolean {
    return this.stopping;
  }

  /** Opens the stream; messages flow from here on. */
  start(): void {
    if (this.subscription || this.restart.pending) return;
    this.stopping = false;
    this.restart.reset();
    this.open();
  }

  /** True while the stream is open: false before start, after stop, and while waiting to reopen. */
  isRunning(): boolean {
    return this.subscription?.isOpen === true && !this.stopping;
  }

  /** Cancels a pending reopen, lets the messages in hand settle, then closes the stream (nacking what it still holds). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.restart.cancel();
    await Promise.allSettled([...this.inFlight]);
    const subscription = this.subscription;
    this.subscription = undefined;
    if (!subscription) return;
    subscription.removeAllListeners('message');
    await subscription.close();
    // The guarded 'error' listener stays: the client may still emit a late stream error.
    subscription.removeAllListeners('close');
  }

  /**
   * A fresh Subscription per attempt: a dead one may still be finishing its close(), which ends by
   * closing its ack queues, and would close those of a reopened stream with them.
   */
  private open(): void {
    const subscription = this.pubsub.subscription(this.options.subscription, {
      flowControl: {
        maxMessages: this.options.maxMessages,
        maxBytes: this.options.maxBytes,
        // Without this the client may hand over a whole pulled batch past the limit.
        allowExcessMessages: false,
      },
      streamingOptions: { maxStreams: this.options.maxStreams },
      closeOptions: { behavior: SubscriptionCloseBehaviors.NackImmediately },
    });
    this.subscription = subscription;
    this.openedAt = Date.now();
    this.streamError = undefined;
    subscription.on('error', (err: unknown) => this.onStreamError(subscription, err));
    subscription.on('close', () => this.onStreamLost(subscription));
    // Adding the first 'message' listener is what opens the stream.
    subscription.on('message', (message: Message) => this.receive(message));
  }

  private receive(message: Message): void {
    // A delivered message proves the stream works: a later failure starts the backoff afresh.
    this.restart.reset();
    // Left to close(), which nacks what the client holds once the stream is gone. A nack now would
    // go out in the same batch as the client's receipt deadline extension, may land after it, and
    // the stream (still open) would then hold the message for a whole ack deadline.
    if (this.stopping) return;
    const work = this.options.onMessage(message);
    // A batch's promise, shared by its messages: tracked already (two promises less per message).
    if (this.inFlight.has(work)) return;
    this.inFlight.add(work);
    work
      .catch((err: unknown) => {
        this.options.logger.error(
          { messageId: message.id, err: errorMessage(err) },
          `${this.options.name} message failed`,
        );
        message.nack();
      })
      .finally(() => this.inFlight.delete(work));
  }

  /**
   * The client retries transient stream errors itself; a fatal one is followed at once by the
   * stream's destruction, so look after it has happened whether this error ended the stream.
   */
  private onStreamError(subscription: Subscription, err: unknown): void {
    if (subscription !== this.subscription) return;
    this.streamError = err;
    setImmediate(() => {
      if (subscription !== this.subscription || this.stopping) return;
      if (!subscription.isOpen) return this.onStreamLost(subscription);
      this.streamError = undefined;
      this.options.logger.error(
        { err: errorMessage(err), subscription: this.options.subscription },
        `${this.options.name} subscription error`,
      );
    });
  }

  /** The client gave up on the stream (an error, or a close we did not ask for): reopen it after a backoff. */
  private onStreamLost(subscription: Subscription): void {
    if (subscription !== this.subscription || this.stopping) return;
    this.subscription = undefined;
    subscription.removeAllListeners('message');
    subscription.removeAllListeners('close');
    if (Date.now() - this.openedAt >= this.options.restartMaxMs) this.restart.reset();
    const restartInMs = this.restart.schedule(() => {
      if (!this.stopping) this.open();
    });
    this.options.logger.error(
      {
        subscription: this.options.subscription,
        attempt: this.restart.attempt,
        reason: streamFailureReason(this.streamError),
        restartInMs,
      },
      `${this.options.name} subscription lost; reopening`,
    );
  }
}
