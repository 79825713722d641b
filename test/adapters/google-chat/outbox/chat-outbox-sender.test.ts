/**
 * The Google Chat outbox sender against the Chat API fake, through the real googleapis client: one
 * message per alert even when a create's answer is lost, "still happening" in the alert's thread,
 * updates in place, and Chat's errors sorted into what the outbox does next.
 */
import { createChatApi } from '../../../../adapters/google-chat/chat-api/create-chat-api';
import { ChatOutboxSender } from '../../../../adapters/google-chat/outbox/chat-outbox-sender';
import { DEFAULT_RATE_LIMIT_BACKOFF_MS } from '../../../../adapters/google-chat/outbox/classify-chat-error';
import { clientMessageId } from '../../../../adapters/google-chat/outbox/client-message-id';
import { text } from '../../../../src/chat/rich-text';
import { FAKE_TOKEN, type FakeChatApi, startFakeChatApi } from '../../../fakes/google-chat-api';

const doc = (line: string) => ({ summary: [text(line)], blocks: [] });
const alerts = { platform: 'gchat', space: 'spaces/ALERTS' };

let fake: FakeChatApi;
let sender: ChatOutboxSender;
const senderWith = (token: string) =>
  new ChatOutboxSender(createChatApi({ endpoint: fake.url, accessToken: token, timeoutMs: 5000 }));

beforeEach(async () => {
  fake = await startFakeChatApi();
  fake.addSpace('spaces/ALERTS');
  sender = senderWith(FAKE_TOKEN);
});
afterEach(() => fake.close());

it('names client message ids as Chat requires: client-, at most 63 lowercase letters, digits, hyphens', () => {
  const id = clientMessageId('alert:Prod-1/GCFSD_ERROR ünïcode');
  expect(id).toMatch(/^client-[a-z0-9-]+$/);
  expect(id.length).toBeLessThanOrEqual(63);
  expect(clientMessageId('alert:Prod-1/GCFSD_ERROR ünïcode')).toBe(id);
  expect(clientMessageId('alert:prod-1/gcfsd_error ünïcode')).not.toBe(id);
});

it('posts an alert once even when the answer to its create was lost, and returns the same reference', async () => {
  fake.failNext(1, { kind: 'lose' }, 'create');
  const first = await sender.post(alerts, doc('gcfsd errors on prod-1'), 'alert-1').catch((e: unknown) => e);
  expect(sender.classify(first)).toMatchObject({ kind: 'transient' });
  // The outbox retries the same post with the same key: Chat answers ALREADY_EXISTS, the sender finds it.
  const ref = await sender.post(alerts, doc('gcfsd errors on prod-1'), 'alert-1');
  expect(ref).toEqual({
    platform: 'gchat',
    space: 'spaces/ALERTS',
    message: `spaces/ALERTS/messages/${clientMessageId('alert-1')}`,
  });
  expect(fake.messagesIn('spaces/ALERTS').map((m) => m.text)).toEqual(['gcfsd errors on prod-1']);
  expect(fake.requests.map((r) => [r.method, r.status])).toEqual([
    ['POST', undefined],
    ['POST', 409],
    ['GET', 200],
  ]);
});

it('answers "still happening" in the alert\'s thread, once per key, and updates the alert in place', async () => {
  const ref = await sender.post(alerts, doc('alert'), 'alert-2');
  await sender.post(alerts, doc('another alert'), 'alert-3');
  fake.failNext(1, { kind: 'lose' }, 'create');
  await sender.replyInThread(ref, doc('still happening (10 more)'), 'alert-2:w1').catch(() => undefined);
  await sender.replyInThread(ref, doc('still happening (10 more)'), 'alert-2:w1');
  await sender.replyInThread(ref, doc('still happening (25 more)'), 'alert-2:w2');
  await sender.update(ref, doc('alert (35 errors)'));

  const root = fake.message(ref.message)!;
  expect(root.text).toBe('alert (35 errors)');
  expect(fake.threadMessages(root.thread.name).map((m) => m.text)).toEqual([
    'alert (35 errors)',
    'still happening (10 more)',
    'still happening (25 more)',
  ]);
  expect(fake.messagesIn('spaces/ALERTS')).toHaveLength(4);
  expect(sender.perSpaceIntervalMs).toBeGreaterThanOrEqual(1000);
  expect(sender.perPlatformIntervalMs).toBe(20);
});

it('finds the thread of a message named by Chat (not by the sender) before answering in it', async () => {
  const chat = createChatApi({ endpoint: fake.url, accessToken: FAKE_TOKEN, timeoutMs: 5000 });
  const earlier = await chat.spaces.messages.create({ parent: 'spaces/ALERTS', requestBody: { text: 'old alert' } });
  const ref = { platform: 'gchat', space: 'spaces/ALERTS', message: earlier.data.name! };
  await sender.replyInThread(ref, doc('still happening'), 'old:w1');
  expect(fake.messagesIn('spaces/ALERTS')[1]).toMatchObject({ thread: earlier.data.thread, threadReply: true });
});

describe('sorting errors', () => {
  const failure = (call: () => Promise<unknown>) =>
    call().then(
      () => {
        throw new Error('expected the call to fail');
      },
      (err: unknown) => sender.classify(err),
    );
  const missing = { platform: 'gchat', space: 'spaces/ALERTS', message: 'spaces/ALERTS/messages/client-gone' };

  it('429 is rate limited for its Retry-After, or the default pause', async () => {
    fake.failNext(1, { status: 429, retryAfter: 30 });
    expect(await failure(() => sender.post(alerts, doc('x'), 'a'))).toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: 30_000,
    });
    fake.failNext(1, { status: 429 });
    expect(await failure(() => sender.update(missing, doc('x')))).toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: DEFAULT_RATE_LIMIT_BACKOFF_MS,
    });
  });

  it('5xx, no answer and rejected credentials are transient', async () => {
    fake.failNext(1, { status: 500 });
    expect(await failure(() => sender.post(alerts, doc('x'), 'b'))).toMatchObject({ kind: 'transient' });
    fake.failNext(1, { status: 503 });
    expect(await failure(() => sender.post(alerts, doc('x'), 'b'))).toMatchObject({ kind: 'transient' });
    fake.failNext(1, { kind: 'drop' });
    expect(await failure(() => sender.post(alerts, doc('x'), 'b'))).toMatchObject({ kind: 'transient' });
    expect(await failure(() => senderWith('expired-token').post(alerts, doc('x'), 'b'))).toMatchObject({
      kind: 'transient',
    });
  });

  it('a space the app is not in (or that does not exist) is undeliverable', async () => {
    fake.addSpace('spaces/LEFT', { appRemoved: true });
    expect(await failure(() => sender.post({ platform: 'gchat', space: 'spaces/LEFT' }, doc('x'), 'c'))).toMatchObject({
      kind: 'undeliverable',
      reason: 'PERMISSION_DENIED',
    });
    expect(await failure(() => sender.post({ platform: 'gchat', space: 'spaces/NONE' }, doc('x'), 'c'))).toMatchObject({
      kind: 'undeliverable',
      reason: 'NOT_FOUND',
    });
  });

  it('a deleted message and a message Chat refuses are permanent', async () => {
    expect(await failure(() => sender.update(missing, doc('x')))).toMatchObject({ kind: 'permanent' });
    // The renderer fits every document within Chat's limits; an empty message is still one Chat refuses.
    const empty = { summary: [], blocks: [] };
    expect(await failure(() => sender.post(alerts, empty, 'd'))).toMatchObject({
      kind: 'permanent',
      message: expect.stringMatching(/400 INVALID_ARGUMENT/),
    });
  });
});
