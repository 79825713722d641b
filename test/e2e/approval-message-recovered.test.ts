/**
 * A request whose message was posted but never recorded (Redis failed right after
 * chat.postMessage and stayed down through the in-hand retries; the job's retry does not post
 * again): the first click on the message records where it is, so the approval's updates reach it.
 */
import { Redis } from 'ioredis';
import { ApprovalStore } from '../../src/approvals/approval-store';
import { principalId } from '../../src/chat/principal-id';
import { APPROVER, CHANNEL, Harness, REQUESTER, SHOP, startHarness } from '../support/bot-harness';
import { TEST_REDIS_URL } from '../support/redis-url';

jest.setTimeout(60_000);

let h: Harness;
let redis: Redis;
beforeAll(async () => {
  h = await startHarness();
  redis = new Redis(TEST_REDIS_URL);
});
afterAll(async () => {
  redis?.disconnect();
  await h?.stop();
});

it('records the clicked message of a request that lost it, and updates that message', async () => {
  const approvals = new ApprovalStore(redis, { keyPrefix: `${h.config.IMAGESTREAM_REDIS_PREFIX}:approval:` });
  const request = await approvals.create({
    action: 'enable',
    target: { ...SHOP, pool: 'default-pool' },
    change: { from: false, to: true, poolsAffected: ['default-pool'], notes: [] },
    requestedBy: principalId('slack', REQUESTER),
    conversation: { platform: 'slack', space: CHANNEL },
  });
  // The earlier attempt claimed and posted it; its reference never reached Redis.
  expect(await approvals.claimPost(request.id)).toBe('claimed');
  const updated = h.slack.waitFor(
    (c) => c.method === 'chat.update' && c.body.ts === '1700000000.000700' && c.body.channel === CHANNEL,
    20_000,
  );
  await h.click({
    action_id: 'imagestream_approve',
    value: request.id,
    user_id: APPROVER,
    channel_id: CHANNEL,
    message_ts: '1700000000.000700',
  });
  await updated;
  expect((await approvals.get(request.id))?.message).toEqual({
    platform: 'slack',
    space: CHANNEL,
    message: '1700000000.000700',
  });
});
