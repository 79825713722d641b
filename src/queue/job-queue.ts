import { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { RemoteError } from '../errors';
import { currentTrace } from '../logging/trace-context';
import { whenReady } from './redis-connection';
import { JOB_SCHEMAS, JobName, JobPayload } from './job-schemas';

// ioredis statuses of a connection on its way up (first connect, or back after a restart).
const OPENING = new Set(['wait', 'connecting', 'connect']);
const OPENING_WAIT_MS = 1000;

/** Adds validated jobs to the one BullMQ queue; payloads carry ids and arguments, never secrets. */
export class JobQueue {
  /** `connection` is the queue's own Redis client, watched to fail fast. */
  constructor(
    readonly queue: Queue,
    private readonly connection: Pick<Redis, 'status' | 'once' | 'off'>,
  ) {}

  /** Validates the payload against its job's schema, then adds it; rejects at once when Redis is down. */
  async enqueue<N extends JobName>(name: N, payload: JobPayload<N>, options: JobsOptions = {}): Promise<string> {
    const schema = JOB_SCHEMAS[name] as z.ZodType;
    const data = schema.parse(payload) as Record<string, unknown>;
    // The request that queued the job travels with it, so the worker's log lines share its trace.
    const slackRequestId = currentTrace()?.slackRequestId;
    await this.ready();
    const job = await this.queue.add(name, slackRequestId ? { ...data, trace: { slackRequestId } } : data, {
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

  close(): Promise<void> {
    return this.queue.close();
  }
}
