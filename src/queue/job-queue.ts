import { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { RemoteError } from '../errors';
import { currentTrace } from '../logging/trace-context';
import { JobPayloadError } from './job-payload-error';
import { QueueName, queueOf } from './queue-names';
import { whenReady } from './redis-connection';
import { JOB_SCHEMAS, JobName, JobPayload } from './job-schemas';
import { parseOr } from '../validation/parse-or';

// ioredis statuses of a connection on its way up (first connect, or back after a restart).
const OPENING = new Set(['wait', 'connecting', 'connect']);
const OPENING_WAIT_MS = 1000;

/**
 * Adds validated jobs to their BullMQ queue (src/queue/queue-names.ts); payloads carry ids and
 * arguments, never secrets.
 */
export class JobQueue {
  /**
   * `queue` is the `jobs` queue; `others` the `changes` and `replies` queues (a job whose queue is
   * not given goes to `queue`). `connection` is their Redis client, watched to fail fast.
   */
  constructor(
    readonly queue: Queue,
    private readonly connection: Pick<Redis, 'status' | 'once' | 'off'>,
    private readonly others: Partial<Record<Exclude<QueueName, 'jobs'>, Queue>> = {},
  ) {}

  /**
   * Validates the payload against its job's schema (JobPayloadError naming the field), then adds it;
   * rejects at once when Redis is down.
   */
  async enqueue<N extends JobName>(name: N, payload: JobPayload<N>, options: JobsOptions = {}): Promise<string> {
    const schema = JOB_SCHEMAS[name] as z.ZodType<Record<string, unknown>>;
    const data = parseOr(schema, payload, (issue) => JobPayloadError.from(name, issue));
    // The request that queued the job travels with it, so the worker's log lines share its trace.
    const slackRequestId = currentTrace()?.slackRequestId;
    await this.ready();
    const route = queueOf(name);
    const queue = (route === 'jobs' ? undefined : this.others[route]) ?? this.queue;
    const job = await queue.add(name, slackRequestId ? { ...data, trace: { slackRequestId } } : data, {
      attempts: 3,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: { age: 24 * 3600, count: 1000 },
      removeOnFail: { age: 7 * 24 * 3600 },
      ...options,
    });
    return job.id ?? '';
  }

  /**
   * BullMQ waits for the connection to be ready before adding, for ever. A connection that is
   * still opening gets a moment; one that is lost fails now, so the user is told at once.
   */
  private async ready(): Promise<void> {
    const { status } = this.connection;
    if (status === 'ready') return;
    if (!OPENING.has(status)) throw new RemoteError(`Redis is not available (connection ${status})`);
    if (!(await whenReady(this.connection, OPENING_WAIT_MS)))
      throw new RemoteError(`Redis is not available (still ${this.connection.status} after ${OPENING_WAIT_MS} ms)`);
  }

  async close(): Promise<void> {
    await Promise.all([this.queue, ...Object.values(this.others)].map((q) => q.close()));
  }
}
