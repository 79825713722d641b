/**
 * The seam holds: the real `status` and `verify` jobs, on a real BullMQ worker over Redis, answer a
 * `text` conversation through the Messenger port alone (the test-only text adapter, no Slack), the
 * GKE fake behind them. Their answers go through the `reply` job on the `replies` queue, as in the
 * bot.
 */
import { Queue, Worker } from 'bullmq';
import type Redis from 'ioredis';
import { createProcessor } from '../../jobs';
import type { WorkerDeps } from '../../jobs/worker-deps';
import { AccessScope } from '../../src/access/access-scope';
import { messengers } from '../../src/chat/messengers';
import { principalId } from '../../src/chat/principal-id';
import { createLogger } from '../../src/logging/logger';
import { JobQueue } from '../../src/queue/job-queue';
import type { QueueName } from '../../src/queue/queue-names';
import { connectRedis, deleteKeys, uniquePrefix } from '../approvals/redis-test-keys';
import { SHOP, useGkeFake } from '../gke/gke-test-setup';
import { TEST_REDIS } from '../support/redis-url';
import { TextMessenger } from '../support/text-adapter/text-messenger';

const { container } = useGkeFake();

let redis: Redis;
let prefix: string;
let queues: Queue[];
let workers: Worker[];
let jobs: JobQueue;
let text: TextMessenger;

const replyTo = {
  conversation: { platform: 'text', space: 'ops-room' },
  requester: principalId('text', 'alice'),
};

beforeAll(async () => {
  redis = connectRedis();
  prefix = uniquePrefix('text-messenger');
  const names: QueueName[] = ['jobs', 'replies'];
  queues = names.map((name) => new Queue(name, { connection: redis, prefix }));
  jobs = new JobQueue(queues[0]!, redis, { replies: queues[1]! });
  text = new TextMessenger();
  const deps = {
    logger: createLogger({ level: 'silent' }),
    container: container(),
    scope: new AccessScope(),
    messengers: messengers(text),
    reply: async (to, message, opts = {}) => {
      await jobs.enqueue('reply', { replyTo: to, message, ...opts }, { removeOnComplete: true });
    },
  } as Partial<WorkerDeps> as WorkerDeps;
  const processor = createProcessor(deps, { home: async () => undefined });
  workers = names.map(
    (name) => new Worker(name, processor, { connection: { ...TEST_REDIS, maxRetriesPerRequest: null }, prefix }),
  );
  await Promise.all(workers.map((w) => w.waitUntilReady()));
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await Promise.all(queues.map((q) => q.close()));
  await deleteKeys(redis, prefix);
  redis.disconnect();
});

it('status answers the text conversation in public, in plain text', async () => {
  await jobs.enqueue('status', { replyTo, target: SHOP });
  const line = await text.waitFor((l) => l.kind === 'reply' && /default-pool/.test(l.text));
  expect(line).toMatchObject({ space: 'ops-room', visibility: 'public', user: 'text:alice' });
  expect(line.text).toContain('== Image streaming on shop ==');
  expect(line.text).toContain('🟢 gpu-pool: on (set on the pool)');
  expect(line.text).toContain('⚪ legacy-pool: off (follows the cluster)');
  expect(line.text).toContain('Node pools streaming images: 1 of 3.');
  // Plain text: no Slack markup made it through.
  expect(line.text).not.toMatch(/<@|<#|\*[^*\s]/);
});

it('verify answers with the gcfsConfig of every pool', async () => {
  await jobs.enqueue('verify', { replyTo, target: SHOP });
  const line = await text.waitFor((l) => l.kind === 'reply' && l.text.includes('gcfsConfig of shop'));
  expect(line.visibility).toBe('public');
  expect(line.text).toContain('== gcfsConfig of shop ==');
  expect(line.text).toContain('    - name: default-pool');
  expect(line.text).toContain('    - name: gpu-pool');
});

it('a cluster that does not exist is answered privately', async () => {
  await jobs.enqueue('status', { replyTo, target: { ...SHOP, cluster: 'nowhere' } });
  const line = await text.waitFor((l) => l.kind === 'reply' && l.visibility === 'private');
  expect(line.text).toContain('❌ That did not work.');
  expect(line.text).toMatch(/cluster nowhere in projects\/acme-prod\/locations\/europe-west1 not found/);
});
