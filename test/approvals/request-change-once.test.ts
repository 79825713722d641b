/**
 * One change, one approval request message, however often its job runs. Redis failing right after
 * chat.postMessage used to fail the `enable` job, and BullMQ's retry then created a second request
 * and posted a second message with its own buttons. Real ApprovalStore on Redis (its connection
 * cut at the moment Slack answers), the GKE fake, a recording Slack client.
 */
import type { Job } from 'bullmq';
import Redis from 'ioredis';
import { requestChange } from '../../jobs/request-change';
import type { WorkerDeps } from '../../jobs/worker-deps';
import { SlackMessenger } from '../../adapters/slack/messenger/slack-messenger';
import type { SlackChatClient } from '../../adapters/slack/messenger/slack-chat-client';
import { ApprovalStore } from '../../src/approvals/approval-store';
import { messengers } from '../../src/chat/messengers';
import { JOB_SCHEMAS } from '../../src/queue/job-schemas';
import { createLogger } from '../../src/logging/logger';
import { SHOP, useGkeFake } from '../gke/gke-test-setup';
import { TEST_REDIS } from '../support/redis-url';
import { connectRedis, deleteKeys, uniquePrefix } from './redis-test-keys';

const { container } = useGkeFake();
const logger = createLogger({ level: 'silent' });

let redis: Redis;
let prefix: string;
let posted: Array<Record<string, unknown>>;
const connections: Redis[] = [];

beforeAll(() => {
  redis = connectRedis();
});
afterAll(async () => {
  await redis.quit();
});
beforeEach(() => {
  prefix = uniquePrefix('request-change');
  posted = [];
});
afterEach(async () => {
  for (const c of connections.splice(0)) c.disconnect();
  await deleteKeys(redis, prefix);
});

/** A store on its own connection, which fails every command once cut (no offline queue, no reconnect). */
async function storeOnOwnConnection(): Promise<{ store: ApprovalStore; cut: () => void }> {
  const conn = new Redis({ ...TEST_REDIS, enableOfflineQueue: false, retryStrategy: () => null, lazyConnect: true });
  conn.on('error', () => undefined);
  connections.push(conn);
  await conn.connect();
  return { store: new ApprovalStore(conn, { keyPrefix: prefix }), cut: () => conn.disconnect() };
}

/** One worker: its store, and a Slack whose postMessage answers and then (optionally) Redis goes away. */
function worker(
  store: ApprovalStore,
  afterPost: () => void = () => undefined,
): WorkerDeps & { slack: SlackChatClient } {
  const slack = {
    chat: {
      postMessage: async (args: Record<string, unknown>) => {
        posted.push(args);
        afterPost();
        return { ok: true, channel: args.channel, ts: `1700000000.00010${posted.length}` };
      },
    },
  } as unknown as SlackChatClient;
  return {
    logger,
    container: container(),
    approvals: store,
    audit: { record: async () => undefined },
    queue: { enqueue: async () => 'id' },
    reply: async () => undefined,
    slack,
    messengers: messengers(new SlackMessenger({ web: slack })),
    // The in-hand retries of the message record wait for nothing here.
    sleep: async () => undefined,
  } as unknown as WorkerDeps & { slack: SlackChatClient };
}

// As queued before the chat seam (Slack's fields), read by the job's schema as a worker reads it.
const payload = JOB_SCHEMAS.enable.parse({
  replyTo: { responseUrl: 'https://hooks.slack.test/commands/1', userId: 'UREQUESTER1', channelId: 'C0OPS0001' },
  target: { ...SHOP, pool: 'default-pool' },
});
// Every attempt of one BullMQ job shares its id.
const attempt = (n: number) =>
  ({ id: '42', queueName: 'jobs', attemptsMade: n, opts: { attempts: 3 } }) as unknown as Job;

it('posts one request message when Redis fails right after the post and the job is retried', async () => {
  const first = await storeOnOwnConnection();
  await expect(requestChange(true)(payload, worker(first.store, first.cut), attempt(0))).rejects.toThrow(/Redis/);
  expect(posted).toHaveLength(1);

  // Redis is back; BullMQ runs the job again (here on another replica's connection).
  const second = await storeOnOwnConnection();
  await requestChange(true)(payload, worker(second.store), attempt(1));
  expect(posted).toHaveLength(1);
  const pending = await second.store.listPending();
  expect(pending).toHaveLength(1);
});

it('records the message of a post whose first record failed, when Redis comes back within the retries', async () => {
  const { store } = await storeOnOwnConnection();
  let fail = 2;
  const flaky = Object.create(store) as ApprovalStore;
  flaky.setMessage = async (...args: Parameters<ApprovalStore['setMessage']>) => {
    if (fail-- > 0) throw new Error('Redis record approval message failed: Connection is closed.');
    return store.setMessage(...args);
  };
  await requestChange(true)(payload, worker(flaky), attempt(0));
  expect(posted).toHaveLength(1);
  const [request] = await store.listPending();
  expect(request?.message).toEqual({ platform: 'slack', space: 'C0OPS0001', message: '1700000000.000101' });
  // A later run of the same job (a stalled job run again) finds it posted: no second message.
  await requestChange(true)(payload, worker(store), attempt(1));
  expect(posted).toHaveLength(1);
});

it('posts again after Slack refused the post (nothing was posted)', async () => {
  const { store } = await storeOnOwnConnection();
  const refusing = worker(store);
  let refuse = true;
  const post = refusing.slack.chat.postMessage.bind(refusing.slack.chat);
  (refusing.slack.chat as { postMessage: unknown }).postMessage = async (args: Record<string, unknown>) => {
    if (refuse) {
      refuse = false;
      throw Object.assign(new Error('An HTTP protocol error occurred: statusCode = 503'), {
        code: 'slack_webapi_http_error',
      });
    }
    return post(args as never);
  };
  await expect(requestChange(true)(payload, refusing, attempt(0))).rejects.toThrow(/503/);
  await requestChange(true)(payload, refusing, attempt(1));
  expect(posted).toHaveLength(1);
  expect(await store.listPending()).toHaveLength(1);
});
