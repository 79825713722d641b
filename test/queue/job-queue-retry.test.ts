/** A failed job is tried three times, 2 s then 4 s apart by default; the first delay is injectable. */
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { JobQueue } from '../../src/queue/job-queue';
import { deleteKeys, uniquePrefix } from '../approvals/redis-test-keys';
import { TEST_REDIS } from '../support/redis-url';

const prefix = uniquePrefix('job-queue-retry');
let connection: Redis;
let queue: Queue;
beforeAll(() => {
  connection = new Redis({ ...TEST_REDIS, maxRetriesPerRequest: null });
  queue = new Queue('jobs', { connection, prefix: prefix.slice(0, -1) });
});
afterAll(async () => {
  await queue.close();
  await deleteKeys(connection, prefix);
  connection.disconnect();
});

const payload = { userId: 'U0123ABC' };

async function retryOf(jobs: JobQueue) {
  const id = await jobs.enqueue('home', payload);
  const job = await queue.getJob(id);
  return { attempts: job!.opts.attempts, backoff: job!.opts.backoff };
}

it('retries a job twice with exponential backoff from 2 s by default', async () => {
  expect(await retryOf(new JobQueue(queue, connection))).toEqual({
    attempts: 3,
    backoff: { type: 'exponential', delay: 2000 },
  });
});

it('backs off from the injected first delay', async () => {
  expect(await retryOf(new JobQueue(queue, connection, 100))).toEqual({
    attempts: 3,
    backoff: { type: 'exponential', delay: 100 },
  });
});
