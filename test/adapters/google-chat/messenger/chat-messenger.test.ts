/**
 * The Google Chat messenger against the Chat API fake, through the real googleapis client: answers
 * in the command's thread, private answers, posts updated in place, retries through 500s and 429s
 * (waits recorded, not slept), and Chat's refusals as NotPostedError.
 */
import { createChatApi } from '../../../../adapters/google-chat/chat-api/create-chat-api';
import { ChatMessenger } from '../../../../adapters/google-chat/messenger/chat-messenger';
import type { RetryClock } from '../../../../adapters/google-chat/messenger/chat-retry';
import { chatWorkerMessenger } from '../../../../adapters/google-chat/messenger/chat-worker-messenger';
import { NotPostedError, ReplyStoppedError } from '../../../../src/chat/messenger-errors';
import { principalId } from '../../../../src/chat/principal-id';
import { text } from '../../../../src/chat/rich-text';
import { FAKE_TOKEN, type FakeChatApi, startFakeChatApi } from '../../../fakes/google-chat-api';

const doc = (line: string) => ({ summary: [text(line)], blocks: [] });
const alice = principalId('gchat', 'users/111');
const space = { platform: 'gchat', space: 'spaces/OPS' };

let fake: FakeChatApi;
let waits: number[];
let messenger: ChatMessenger;

/** A clock whose sleeps return at once and move time on by what they were asked to wait. */
function recordingClock(): RetryClock {
  let now = 1_700_000_000_000;
  return {
    now: () => now,
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    },
  };
}

beforeEach(async () => {
  fake = await startFakeChatApi();
  fake.addSpace('spaces/OPS');
  waits = [];
  messenger = new ChatMessenger({
    chat: createChatApi({ endpoint: fake.url, accessToken: FAKE_TOKEN, timeoutMs: 5000 }),
    clock: recordingClock(),
  });
});
afterEach(async () => {
  messenger.close();
  await fake.close();
});

it("answers in the command's thread, for everyone or for the one person who asked", async () => {
  const asked = await messenger.post(space, doc('the command'));
  const thread = fake.message(asked.message)!.thread.name;
  await messenger.reply({ ...space, thread }, doc('status: ok'), { visibility: 'public', requester: alice });
  await messenger.reply({ ...space, thread }, doc('usage: …'), { visibility: 'private', requester: alice });
  const [, publicAnswer, privateAnswer] = fake.messagesIn('spaces/OPS');
  expect(publicAnswer).toMatchObject({ text: 'status: ok', thread: { name: thread }, threadReply: true });
  expect(publicAnswer!.privateMessageViewer).toBeUndefined();
  expect(privateAnswer).toMatchObject({
    text: 'usage: …',
    thread: { name: thread },
    privateMessageViewer: { name: 'users/111' },
  });
});

it('tells one person privately, and refuses a private answer with no Chat user to show it to', async () => {
  await messenger.tellPrivately(space, alice, doc('only you can approve this? no'));
  expect(fake.messagesIn('spaces/OPS')[0]).toMatchObject({ privateMessageViewer: { name: 'users/111' } });
  await expect(messenger.reply(space, doc('secret'), { visibility: 'private' })).rejects.toThrow(/Chat user/);
  await expect(messenger.tellPrivately(space, principalId('slack', 'U0ALICE'), doc('secret'))).rejects.toThrow(
    /Chat user/,
  );
  expect(fake.messagesIn('spaces/OPS')).toHaveLength(1);
});

it('posts a message and updates it in place: the reference is its full name', async () => {
  const ref = await messenger.post(space, doc('approval requested'));
  expect(ref).toEqual({
    platform: 'gchat',
    space: 'spaces/OPS',
    message: expect.stringMatching(/^spaces\/OPS\/messages\//),
  });
  await messenger.update(ref, doc('approved: running'));
  expect(fake.messagesIn('spaces/OPS')).toEqual([
    expect.objectContaining({ name: ref.message, text: 'approved: running' }),
  ]);
  expect(fake.requests.find((r) => r.method === 'PATCH')?.query.updateMask).toBe('text,cards_v2');
});

it('retries through 500s with a doubling backoff, then answers once', async () => {
  fake.failNext(2, { status: 500 });
  await messenger.reply(space, doc('after the outage'), { visibility: 'public', requester: alice });
  expect(waits).toEqual([500, 1000]);
  expect(fake.messagesIn('spaces/OPS').map((m) => m.text)).toEqual(['after the outage']);
});

it('waits the Retry-After Chat names on 429', async () => {
  fake.failNext(1, { status: 429, retryAfter: 7 });
  await messenger.post(space, doc('rate limited once'));
  expect(waits).toEqual([7000]);
  expect(fake.messagesIn('spaces/OPS')).toHaveLength(1);
});

it('posts once when an answer was lost: the retry carries the same requestId', async () => {
  fake.failNext(1, { kind: 'lose' }, 'create');
  const ref = await messenger.post(space, doc('landed, answer lost'));
  expect(fake.messagesIn('spaces/OPS').map((m) => m.name)).toEqual([ref.message]);
  const ids = fake.requests.filter((r) => r.method === 'POST').map((r) => r.query.requestId);
  expect(ids).toHaveLength(2);
  expect(ids[0]).toBe(ids[1]);
});

it('says when Chat certainly did not post, and whether asking again may pass', async () => {
  const elsewhere = { platform: 'gchat', space: 'spaces/GONE' };
  const missing = await messenger.post(elsewhere, doc('x')).catch((e: unknown) => e);
  expect(missing).toBeInstanceOf(NotPostedError);
  expect(missing).toMatchObject({ final: true, message: expect.stringMatching(/add it to the space/) });
  expect(waits).toEqual([]);

  fake.failNext(100, { status: 503 });
  const down = await messenger.post(space, doc('x')).catch((e: unknown) => e);
  expect(down).toBeInstanceOf(NotPostedError);
  expect(down).toMatchObject({
    final: false,
    message: expect.stringMatching(/did not take the message after \d+ attempts/),
  });
  expect(waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(60_000);

  // No answer at all: the message may have been posted, so it is not "not posted".
  fake.failNext(100, { kind: 'drop' });
  const lost = await messenger.post(space, doc('x')).catch((e: unknown) => e);
  expect(lost).not.toBeInstanceOf(NotPostedError);
  expect(fake.messagesIn('spaces/OPS')).toHaveLength(0);
});

it('stops waiting out an outage when the process stops', async () => {
  fake.failNext(100, { status: 500 });
  const stopping = new AbortController();
  stopping.abort();
  await expect(messenger.reply(space, doc('x'), { signal: stopping.signal })).rejects.toBeInstanceOf(ReplyStoppedError);
});

it("builds the worker's messenger from config: the endpoint, the fixed token", async () => {
  const worker = chatWorkerMessenger(
    { CHAT_API_ENDPOINT: fake.url, GOOGLE_OAUTH_ACCESS_TOKEN: FAKE_TOKEN, IMAGESTREAM_HTTP_TIMEOUT_MS: 5000 },
    { replyRetry: { baseMs: 1, maxMs: 2 } },
  );
  await worker.reply(space, doc('hello from the worker'), { visibility: 'public' });
  worker.close();
  expect(fake.messagesIn('spaces/OPS').map((m) => m.text)).toEqual(['hello from the worker']);
});
