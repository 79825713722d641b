import { JobsOptions, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { UsageError } from '../errors';
import type { OutboxAlert } from './outbox-alert-source';
import { OUTBOX_QUEUE, OutboxJobData, OutboxJobName, outboxJobId } from './outbox-jobs';
import { OutboxKeys, SpaceKey, outboxKeys } from './outbox-keys';
import { type OutboxStats, failedAsUndeliverable } from './outbox-processor';
import type { OutboxOptions } from './outbox-options';
import { createOutboxWorker } from './outbox-worker';
import { PerTurnBatch } from './per-turn-batch';
import { runScript } from './run-script';

export type { OutboxAlert, OutboxAlertSource } from './outbox-alert-source';
export type { OutboxStats } from './outbox-processor';
export type { OutboxOptions } from './outbox-options';

// Transient failures retry for as long as Slack needs (BullMQ wants a finite number).
const JOB_OPTIONS: JobsOptions = {
  attempts: 1_000_000,
  backoff: { type: 'outbox' },
  removeOnComplete: { age: 3600, count: 1000 },
  // Kept a month: a message Slack refused can be inspected and retried by hand.
  removeOnFail: { age: 30 * 24 * 3600 },
};
// What a "still happening" reply may be keyed by (the window's start): it ends up in a job id and the sender's key.
const REPLY_KEY = /^[A-Za-z0-9_.-]{1,40}$/;
// Long enough for any queued update to start; short enough that a lost job does not block an alert.
const UPDATE_PENDING_TTL_MS = 3600_000;
/** SET NX PX of each key (KEYS; ARGV: the PX); 1 for each key it set, 0 for one already set. */
const MARK_PENDING_SCRIPT = `
local fresh = {}
for i = 1, #KEYS do
  if redis.call('SET', KEYS[i], '1', 'PX', ARGV[1], 'NX') then fresh[i] = 1 else fresh[i] = 0 end
end
return fresh
`;

/**
 * The one way alerts reach the chat: a BullMQ queue in Redis (pending messages survive restarts and
 * are shared by replicas), paced per space (and per platform, where the platform limits a whole
 * project) across replicas, honouring 429 Retry-After, retrying failures for
 * ever, posting an alert before any update or reply, and coalescing pending updates of an alert.
 */
export class AlertOutbox<A extends OutboxAlert = OutboxAlert> {
  private readonly queue: Queue;
  private readonly keys: OutboxKeys;
  private readonly connection: Redis;
  // No member's type mentions A (only the constructor does), so a AlertOutbox<AlertState> is a AlertOutbox.
  private readonly createWorker: () => Worker;
  private worker?: Worker;
  /**
   * SET NX of update pending marks: true for a mark that was not set. The marks asked for in one
   * turn (a subscriber's batch updates each of its alerts at once) take one script call, not a
   * round trip per alert; not an ioredis pipeline, whose construction copies every script BullMQ
   * defined on the connection and cost more than the round trips it saved.
   */
  private readonly marks = new PerTurnBatch<string, boolean>(async (keys) => {
    const fresh = await runScript(this.connection, MARK_PENDING_SCRIPT, keys.length, [...keys, UPDATE_PENDING_TTL_MS]);
    if (!Array.isArray(fresh)) throw new Error('unexpected answer to SET NX');
    return fresh.map((one) => one === 1);
  });
  private readonly counters: OutboxStats = {
    posted: 0,
    updated: 0,
    replies: 0,
    coalesced: 0,
    paced: 0,
    rateLimited: 0,
  };

  constructor(options: OutboxOptions<A>) {
    this.keys = outboxKeys(options.prefix);
    this.connection = options.connection;
    this.queue = new Queue(OUTBOX_QUEUE, { connection: options.connection, prefix: options.prefix });
    // An unhandled 'error' event would crash the process; the failing call rejects anyway.
    this.queue.on('error', (err) => options.logger.warn({ err: err.message }, 'outbox queue error'));
    this.createWorker = () =>
      createOutboxWorker(options, this.keys, this.counters, {
        requeueUpdate: async (alertId, delayMs) => void (await this.queueUpdate(alertId, delayMs)),
        followUpdate: (alertId, delayMs) => this.add('update', { alertId }, undefined, delayMs),
        retryUndeliveredPost: (alertId) => this.retryUndeliveredPost(alertId),
      });
  }

  /** Queues the alert's post; once per alert id (a second call while it is pending, or after, posts nothing more). */
  async post(alertId: string): Promise<void> {
    await this.add('post', { alertId }, outboxJobId('post', alertId));
  }

  /** Queues an update of the alert's message with its latest state; a pending update absorbs this call. */
  async update(alertId: string): Promise<void> {
    if (!(await this.queueUpdate(alertId))) this.counters.coalesced += 1;
  }

  /**
   * Queues a "still happening" reply in the alert's thread. With `key` (e.g. the window's start),
   * the same key queues one reply at most, so a replayed window does not reply twice.
   */
  async stillHappening(alertId: string, count: number, key?: string | number): Promise<void> {
    if (key === undefined) return this.add('reply', { alertId, count });
    if (!REPLY_KEY.test(String(key))) throw new UsageError('a reply key is 1-40 letters, digits, _ . or -');
    // The key travels with the job too: the sender names the reply by it, so a retried reply lands once.
    await this.add('reply', { alertId, count, key: String(key) }, outboxJobId('reply', alertId, String(key)));
  }

  /** Starts processing the outbox in this process (any number of replicas may); a second call does nothing. */
  startWorker(): void {
    this.worker ??= this.createWorker();
  }

  /** Stops the worker (its running jobs finish first) and the queue; pending jobs stay in Redis. */
  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
  }

  /** What this instance has done so far. */
  stats(): OutboxStats {
    return { ...this.counters };
  }

  /**
   * The spaces among `spaces` that take no message from the bot, with the sender's reason (Slack's
   * error), while the outbox is not trying them (the App Home shows them).
   */
  async undeliverable(spaces: SpaceKey[]): Promise<Array<{ space: SpaceKey; reason: string }>> {
    if (spaces.length === 0) return [];
    const reasons = await this.connection.mget(...spaces.map((s) => this.keys.spaceUndeliverable(s)));
    return spaces.flatMap((space, i) => (reasons[i] ? [{ space, reason: reasons[i]! }] : []));
  }

  /** The outbox queue's jobs by state (for the queue depth metric). */
  jobCounts(...states: Parameters<Queue['getJobCounts']>): Promise<Record<string, number>> {
    return this.queue.getJobCounts(...states);
  }

  /** Queues again an alert's post given up because its channel took no message from the bot. */
  private async retryUndeliveredPost(alertId: string): Promise<boolean> {
    const post = await this.queue.getJob(outboxJobId('post', alertId));
    if (!post || !failedAsUndeliverable(post.failedReason)) return false;
    try {
      await post.retry('failed');
      return true;
    } catch {
      // Not failed any more: another job queued it again first.
      return false;
    }
  }

  /** Marks an update of the alert pending and queues it (to run after `delayMs`); false when one was pending already. */
  private async queueUpdate(alertId: string, delayMs = 0): Promise<boolean> {
    const key = this.keys.updatePending(alertId);
    if (!(await this.marks.add(key))) return false;
    try {
      await this.add('update', { alertId }, undefined, delayMs);
    } catch (err) {
      // No job was queued: a later update() must be able to queue one.
      await this.connection.del(key).catch(() => undefined);
      throw err;
    }
    return true;
  }

  private async add<N extends OutboxJobName>(
    name: N,
    data: OutboxJobData<N>,
    jobId?: string,
    delayMs = 0,
  ): Promise<void> {
    await this.queue.add(name, data, {
      ...JOB_OPTIONS,
      ...(jobId !== undefined && { jobId }),
      ...(delayMs > 0 && { delay: delayMs }),
    });
  }
}
