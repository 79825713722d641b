/**
 * The approval-message job shows a request as it stands when the job runs: two jobs that read the
 * same state (one was queued while the other ran) change the message once. Real ApprovalStore on
 * Redis, a recording Slack client.
 */
import type { Job } from 'bullmq';
import type Redis from 'ioredis';
import { SlackMessenger } from '../../adapters/slack/messenger/slack-messenger';
import type { SlackChatClient } from '../../adapters/slack/messenger/slack-chat-client';
import { messengers } from '../../src/chat/messengers';
import { runApprovalMessage } from '../../jobs/approval-message';
import type { WorkerDeps } from '../../jobs/worker-deps';
import { ApprovalStore } from '../../src/approvals/approval-store';
import { principalId } from '../../src/chat/principal-id';
import { connectRedis, deleteKeys, uniquePrefix } from './redis-test-keys';

let redis: Redis;
let prefix: string;
let approvals: ApprovalStore;
const updates: Array<{ text: string }> = [];
const job = {} as Job;

beforeAll(() => {
  redis = connectRedis();
});
afterAll(() => redis.disconnect());
beforeEach(() => {
  prefix = uniquePrefix('approval-message');
  approvals = new ApprovalStore(redis, { keyPrefix: prefix });
  updates.length = 0;
});
afterEach(() => deleteKeys(redis, prefix));

const deps = () =>
  ({
    approvals,
    messengers: messengers(
      new SlackMessenger({
        web: {
          chat: { update: async (args: { text: string }) => void updates.push(args) },
        } as unknown as SlackChatClient,
      }),
    ),
  }) as unknown as WorkerDeps;

it('sends each state of the message once, however many jobs show it', async () => {
  const request = await approvals.create({
    action: 'enable',
    target: { project: 'acme-prod', location: 'us-central1', cluster: 'shop', pool: 'default-pool' },
    change: { from: false, to: true, poolsAffected: ['default-pool'], notes: [] },
    requestedBy: principalId('slack', 'UREQUESTER1'),
    conversation: { platform: 'slack', space: 'C00000001' },
  });
  await approvals.setMessage(request.id, { platform: 'slack', space: 'C00000001', message: '1700000000.000100' });
  await approvals.decide(request.id, 'approved', principalId('slack', 'UAPPROVER01'));
  await runApprovalMessage({ requestId: request.id }, deps(), job);
  await runApprovalMessage({ requestId: request.id }, deps(), job);
  expect(updates.map((u) => u.text)).toEqual([expect.stringMatching(/approved, queued$/i)]);

  await approvals.update(request.id, { state: 'running', progress: 'running: reading the current state' });
  await runApprovalMessage({ requestId: request.id }, deps(), job);
  await runApprovalMessage({ requestId: request.id }, deps(), job);
  expect(updates).toHaveLength(2);
  expect(updates[1]!.text).toMatch(/running/i);
});
