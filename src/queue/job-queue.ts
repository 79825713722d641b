import { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { RemoteError } from '../errors';
import { JOB_SCHEMAS, JobName, JobPayload } from '../../jobs/job-schemas';

/** Adds validated jobs to the one BullMQ queue; payloads carry ids and arguments, never secrets. */
export class JobQueue {
  /** `connection` is the queue's own Redis client, watched to fail fast. */
  constructor(
    readonly queue: Queue,
    private readonly connection: Pick<Redis, 'status'>,
  ) {}

  /** Validates the payload against its job's schema, then adds it; rejects at once when Redis is down. */
  async enqueue<N extends JobName>(name: N, payload: JobPayload<N>, options: JobsOptions = {}): Promise<string> {
    const schema = JOB_SCHEMAS[name] as z.ZodType;
    const data = schema.parse(payload);
    // BullMQ waits for the connection to be ready before adding, for ever: tell the caller now instead.
    if (this.connection.status !== 'ready') throw new RemoteError(`Redis is not available (connection ${this.connection.status})`);
    const job = await this.queue.add(name, data, {
      attempts: 3,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: { age: 24 * 3600, count: 1000 },
      removeOnFail: { age: 7 * 24 * 3600 },
      ...options,
    });
    return job.id ?? '';
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
