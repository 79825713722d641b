import { Message, PubSub } from '@google-cloud/pubsub';
import { ThrottledFailureLog } from '../pubsub/throttled-failure-log';
import type { Logger } from '../logging/logger';
import type { RestartTimers } from '../pubsub/restart-backoff';
import { StreamingPull } from '../pubsub/streaming-pull';
import type { AlertStore, EntrySettle, RecordedEntry } from './alert-store';
import type { ClassifiedEntry } from '../classifier/classify-entry';
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
  /**
   * Messages that arrive within this many ms of the first one are recorded together (one Redis
   * round trip for the batch, one to mark its alerts' updates, one for their settles); default 200.
   * Those round trips cost per batch, not per entry: in a storm of ~450 entries/s the bot used
   * 12-14% less CPU at 200 ms than at 50 (BENCHMARKS.md, issue 14). An alert is posted up to this
   * much later. 0: each turn's messages.
   */
  batchMs?: number;
  /**
   * A batch is recorded at once when it holds this many messages; default 400 (below flow control's
   * 500, so the next batch can gather while one is recorded).
   */
  batchMaxMessages?: number;
  /**
   * Outcomes of one batch with the same key are handed over once: the first calls `handle`, the
   * others share its result (e.g. `update:<alert id>`, since an update shows the alert as it is
   * when sent, and the whole batch is stored before any hand-over starts). Undefined: each its own.
   */
  coalesce?: (outcome: RecordOutcome) => string | undefined;
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

/** A readable message waiting for its batch. */
interface Pending {
  message: Message;
  entry: ClassifiedEntry;
}

/** What the hand-over of one message left to do once its batch is handed over. */
type HandedOver = { message: Message; settles: EntrySettle[] } & ({ ok: true } | { ok: false; err: unknown });

/**
 * One call of `handle`, shared by the messages whose outcomes coalesce onto it, and how it ended:
 * read once the batch's calls are done, so a batch of one problem's updates makes one promise, not
 * several per message.
 */
class HandleCall {
  failed = false;
  error: unknown;
  readonly done: Promise<void>;

  constructor(handle: (outcome: RecordOutcome) => Promise<void>, outcome: RecordOutcome) {
    let call: Promise<void>;
    try {
      call = handle(outcome);
    } catch (err) {
      call = Promise.reject(err);
    }
    this.done = call.then(
      () => undefined,
      (err: unknown) => {
        this.failed = true;
        this.error = err;
      },
    );
  }
}

/** The platform whose alert an outcome leaves the entry pending on until settled; undefined when none. */
function pendingOn(outcome: RecordOutcome): string | undefined {
  return outcome.kind === 'new' || outcome.kind === 'updated' || outcome.kind === 'still_happening'
    ? outcome.alert.destination.platform
    : undefined;
}

/**
 * Reads the log sink's subscription (streaming pull) and turns each entry into alert outcomes, one
 * per destination of its problem: classify -> store.recordBatch (dedup + grouping in Redis) ->
 * handle each (the outbox) -> settle -> ack, for a batch of messages at a time (those arriving
 * within batchMs: one script call records them, one settles them). A message
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
  private readonly failures: ThrottledFailureLog;
  private batch: Pending[] = [];
  private batchTimer?: NodeJS.Timeout;
  /** The promise every message of the gathering batch answers onMessage with, and its resolve. */
  private batchSettled?: Promise<void>;
  private settleBatch?: () => void;

  constructor(
    pubsub: PubSub,
    private readonly options: AlertSubscriberOptions,
  ) {
    this.failures = new ThrottledFailureLog(options.logger, 'alert message step failed');
    this.pull = new StreamingPull(pubsub, {
      subscription: options.subscription,
      name: 'alert',
      maxMessages: options.maxMessages ?? 500,
      maxBytes: MAX_BYTES,
      maxStreams: options.maxStreams ?? 5,
      logger: options.logger,
      onMessage: (message) => this.onMessage(message),
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

  /**
   * Reads the message and adds it to the gathering batch; the promise (the batch's, shared by its
   * messages) settles once each of them is acked or nacked. Never rejects.
   */
  private onMessage(message: Message): Promise<void> {
    this.stats.received += 1;
    this.options.metrics?.received();
    const read = readAlertMessage(message.data);
    if ('poison' in read) return this.dropPoison(message, read.poison);
    this.batch.push({ message, entry: read.entry });
    this.batchSettled ??= new Promise<void>((resolve) => (this.settleBatch = resolve));
    const settled = this.batchSettled;
    if (this.batch.length >= (this.options.batchMaxMessages ?? 400)) this.flush();
    else this.batchTimer ??= setTimeout(() => this.flush(), this.options.batchMs ?? 200);
    return settled;
  }

  /**
   * Acks an unreadable message: no redelivery can make it readable. Counted and logged once, by its
   * id (not its content): Pub/Sub may deliver it again, to either replica, before the ack lands.
   */
  private async dropPoison(message: Message, reason: string): Promise<void> {
    if (await this.firstPoison(message)) {
      this.stats.poison += 1;
      this.options.metrics?.poison();
      this.options.logger.warn({ messageId: message.id, reason }, 'unreadable alert message dropped');
    } else {
      this.stats.duplicates += 1;
    }
    this.ack(message);
  }

  /** Records the batch so far; its messages' promise settles once each of them is acked or nacked. */
  private flush(): void {
    clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    const batch = this.batch;
    const settle = this.settleBatch;
    this.batch = [];
    this.batchSettled = undefined;
    this.settleBatch = undefined;
    if (batch.length === 0) return;
    void this.processBatch(batch)
      .catch((err: unknown) => Promise.all(batch.map((p) => this.retryLater(p.message, 'process', err))))
      .finally(() => settle?.());
  }

  /**
   * Records a batch (one script call: store.recordBatch), hands each outcome over (those `coalesce`
   * keys alike once), then settles every handed-over entry in one call and acks. A message whose
   * record or hand-over failed is nacked; the redelivery replays it.
   */
  private async processBatch(batch: Pending[]): Promise<void> {
    let recorded: RecordedEntry[];
    try {
      recorded = await this.options.store.recordBatch(batch.map((p) => p.entry));
    } catch (err) {
      await Promise.all(batch.map((p) => this.retryLater(p.message, 'record', err)));
      return;
    }
    const calls = new Map<string, HandleCall>();
    // What the batch waits for before it settles: each call once, however many messages share it.
    const waits = new Set<Promise<unknown>>();
    // A message whose record failed waits for its nack on its own, not holding up the others' acks.
    const retries: Array<Promise<void>> = [];
    // Messages with one outcome (one destination: the common case) share their calls' promises;
    // a message with several outcomes hands them over in turn (handOverInTurn).
    const single: Array<{
      message: Message;
      entry: ClassifiedEntry;
      dedupId?: string;
      platform?: string;
      call: HandleCall;
    }> = [];
    const inTurn: HandedOver[] = [];
    for (let i = 0; i < batch.length; i++) {
      const { message, entry } = batch[i]!;
      const result = recorded[i]!;
      if ('error' in result) {
        retries.push(this.retryLater(message, 'record', result.error));
        continue;
      }
      const { outcomes, dedupId } = result;
      if (outcomes.every((o) => o.kind === 'duplicate')) {
        this.stats.duplicates += 1;
        this.options.metrics?.duplicate?.();
      }
      if (outcomes.length === 1) {
        const outcome = outcomes[0]!;
        const call = this.callFor(outcome, calls);
        waits.add(call.done);
        single.push({ message, entry, dedupId, platform: pendingOn(outcome), call });
      } else {
        waits.add(this.handOverInTurn(message, entry, dedupId, outcomes, calls).then((h) => inTurn.push(h)));
      }
    }
    await Promise.all(waits);
    const done: HandedOver[] = inTurn;
    for (const { message, entry, dedupId, platform, call } of single) {
      if (call.failed) {
        // Let the redelivery replay it now rather than after the store's lease.
        done.push({ message, settles: [{ entry, handled: false, dedupId }], ok: false, err: call.error });
      } else {
        const settles = platform === undefined ? [] : [{ entry, handled: true, dedupId, platform }];
        done.push({ message, settles, ok: true });
      }
    }
    const settles = done.flatMap((h) => h.settles);
    if (settles.length > 0) {
      try {
        await this.options.store.settleMany(settles);
      } catch (err) {
        // The effects are stored: go on. A duplicate arriving after the lease would replay the
        // outcome once more, which the outbox absorbs (posts are per alert id). A failed hand-over
        // replays after the lease instead of at once.
        this.failures.failed(done[0]!.message.id, 'settle', err);
      }
    }
    await Promise.all([
      ...retries,
      ...done.map((h) => (h.ok ? this.ack(h.message) : this.retryLater(h.message, 'handle', h.err))),
    ]);
  }

  /** The call of `handle` for an outcome: the batch's call of its `coalesce` key, or a new one. */
  private callFor(outcome: RecordOutcome, calls: Map<string, HandleCall>): HandleCall {
    const key = this.options.coalesce?.(outcome);
    let call = key === undefined ? undefined : calls.get(key);
    if (!call) {
      call = new HandleCall(this.options.handle, outcome);
      if (key !== undefined) calls.set(key, call);
    }
    return call;
  }

  /**
   * Hands one message's outcomes (one per destination of its problem) over in turn, each settled
   * once its effect is stored: when a later one fails, the redelivery replays only the destinations
   * not yet handed over.
   */
  private async handOverInTurn(
    message: Message,
    entry: ClassifiedEntry,
    dedupId: string | undefined,
    outcomes: RecordOutcome[],
    calls: Map<string, HandleCall>,
  ): Promise<HandedOver> {
    const settles: EntrySettle[] = [];
    for (const outcome of outcomes) {
      const call = this.callFor(outcome, calls);
      await call.done;
      if (call.failed) {
        // Let the redelivery replay what is left now rather than after the store's lease (a
        // destination settled as handled above stays so).
        settles.push({ entry, handled: false, dedupId });
        return { message, settles, ok: false, err: call.error };
      }
      const platform = pendingOn(outcome);
      if (platform !== undefined) settles.push({ entry, handled: true, dedupId, platform });
    }
    return { message, settles, ok: true };
  }

  /** False for a redelivery of a poison message already counted; true when Redis cannot tell (counted again, never lost). */
  private async firstPoison(message: Message): Promise<boolean> {
    try {
      return await this.options.store.firstPoison(message.id);
    } catch (err) {
      this.failures.failed(message.id, 'poison', err);
      return true;
    }
  }

  private ack(message: Message): void {
    message.ack();
    this.stats.acked += 1;
    this.options.metrics?.acked();
  }

  private async retryLater(message: Message, step: string, err: unknown): Promise<void> {
    this.failures.failed(message.id, step, err);
    const delay = this.options.nackDelayMs ?? 1000;
    if (delay > 0 && !this.pull.isStopping) await new Promise((resolve) => setTimeout(resolve, delay));
    message.nack();
    this.stats.nacked += 1;
  }
}
