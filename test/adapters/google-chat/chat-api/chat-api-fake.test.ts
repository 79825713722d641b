/**
 * The Chat API fake speaks the REST wire format the real googleapis client expects, and the
 * adapter reads its errors (HTTP status, Google's status name, Retry-After) as Chat sends them.
 */
import {
  chatApiFailure,
  isAlreadyExists,
  isRateLimited,
  isRetryable,
  wasAnswered,
} from '../../../../adapters/google-chat/chat-api/chat-api-failure';
import { createChatApi } from '../../../../adapters/google-chat/chat-api/create-chat-api';
import { FAKE_TOKEN, type FakeChatApi, startFakeChatApi } from '../../../fakes/google-chat-api';

let fake: FakeChatApi;
const client = (accessToken = FAKE_TOKEN) => createChatApi({ endpoint: fake.url, accessToken, timeoutMs: 5000 });
const failureOf = (call: Promise<unknown>) =>
  call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (err: unknown) => chatApiFailure(err, () => Date.parse('2030-01-01T00:00:00Z')),
  );

beforeEach(async () => {
  fake = await startFakeChatApi();
  fake.addSpace('spaces/AAA');
});
afterEach(() => fake.close());

it('creates, names by client id, threads by key, patches by mask and gets a message', async () => {
  const chat = client();
  const root = await chat.spaces.messages.create({
    parent: 'spaces/AAA',
    messageId: 'client-root-1',
    messageReplyOption: 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD',
    requestBody: { text: 'root', thread: { threadKey: 'k1' } },
  });
  const reply = await chat.spaces.messages.create({
    parent: 'spaces/AAA',
    messageReplyOption: 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD',
    requestBody: { text: 'reply', thread: { threadKey: 'k1' } },
  });
  expect(reply.data.thread?.name).toBe(root.data.thread?.name);
  expect(reply.data.threadReply).toBe(true);
  await chat.spaces.messages.patch({
    name: 'spaces/AAA/messages/client-root-1',
    updateMask: 'text,cards_v2',
    requestBody: { text: 'root, updated' },
  });
  const got = await chat.spaces.messages.get({ name: root.data.name! });
  expect(got.data).toMatchObject({ text: 'root, updated', clientAssignedMessageId: 'client-root-1' });
  expect(fake.writes.map((w) => [w.method, w.space])).toEqual([
    ['create', 'spaces/AAA'],
    ['create', 'spaces/AAA'],
    ['patch', 'spaces/AAA'],
  ]);
});

it("reads Google's errors: status name, Retry-After, a reused message id, no answer at all", async () => {
  const chat = client();
  const create = (parent: string, messageId?: string) =>
    chat.spaces.messages.create({ parent, ...(messageId ? { messageId } : {}), requestBody: { text: 'x' } });

  expect(await failureOf(create('spaces/NOPE'))).toMatchObject({ httpStatus: 404, status: 'NOT_FOUND' });
  fake.failNext(1, { status: 429, retryAfter: 7 });
  const limited = await failureOf(create('spaces/AAA'));
  expect(limited).toMatchObject({ httpStatus: 429, status: 'RESOURCE_EXHAUSTED', retryAfterMs: 7000 });
  expect([isRateLimited(limited), isRetryable(limited)]).toEqual([true, true]);

  await create('spaces/AAA', 'client-once');
  const taken = await failureOf(create('spaces/AAA', 'client-once'));
  expect(taken).toMatchObject({ httpStatus: 409, status: 'ALREADY_EXISTS' });
  expect([isAlreadyExists(taken), isRetryable(taken)]).toEqual([true, false]);
  expect(await failureOf(create('spaces/AAA', 'Client_Upper'))).toMatchObject({ status: 'INVALID_ARGUMENT' });

  fake.failNext(1, { kind: 'drop' });
  const dropped = await failureOf(create('spaces/AAA'));
  expect([wasAnswered(dropped), isRetryable(dropped)]).toEqual([false, true]);

  expect(await failureOf(client('wrong-token').spaces.messages.get({ name: 'spaces/AAA/messages/x' }))).toMatchObject({
    httpStatus: 401,
    status: 'UNAUTHENTICATED',
  });
  expect(fake.messagesIn('spaces/AAA').map((m) => m.clientAssignedMessageId)).toEqual(['client-once']);
});

it('reads a Retry-After given as an HTTP date', () => {
  const err = {
    response: { status: 429, headers: new Headers({ 'retry-after': 'Tue, 01 Jan 2030 00:00:30 GMT' }), data: {} },
  };
  expect(chatApiFailure(err, () => Date.parse('2030-01-01T00:00:00Z')).retryAfterMs).toBe(30_000);
});

it('refuses a patch without an update mask, and an empty message', async () => {
  const chat = client();
  const created = await chat.spaces.messages.create({ parent: 'spaces/AAA', requestBody: { text: 'x' } });
  expect(
    await failureOf(chat.spaces.messages.patch({ name: created.data.name!, requestBody: { text: 'y' } })),
  ).toMatchObject({ httpStatus: 400, status: 'INVALID_ARGUMENT' });
  expect(
    await failureOf(chat.spaces.messages.create({ parent: 'spaces/AAA', requestBody: { text: '' } })),
  ).toMatchObject({ httpStatus: 400 });
});

it("logs writes per space with the fake's clock, and can enforce Chat's per-space write quota", async () => {
  await fake.close();
  let now = 0;
  fake = await startFakeChatApi({ now: () => now, writeQuotaPerMinute: 2 });
  fake.addSpace('spaces/AAA');
  const chat = client();
  const create = () => chat.spaces.messages.create({ parent: 'spaces/AAA', requestBody: { text: 'x' } });
  await create();
  now = 30_000;
  await create();
  now = 59_000;
  expect(await failureOf(create())).toMatchObject({ httpStatus: 429, status: 'RESOURCE_EXHAUSTED' });
  now = 60_001;
  await create();
  expect(fake.writes.map((w) => w.at)).toEqual([0, 30_000, 60_001]);
  expect(fake.maxWritesPerMinute('spaces/AAA')).toBe(2);
});

it('without a fixed token asks Application Default Credentials, and reaches Chat with none when there are none', async () => {
  const adc = createChatApi({ endpoint: fake.url, timeoutMs: 5000 });
  const failure = await failureOf(adc.spaces.messages.create({ parent: 'spaces/AAA', requestBody: { text: 'x' } }));
  // No credentials on a test machine (the metadata server is off): the call fails before any request.
  expect(wasAnswered(failure)).toBe(false);
  expect(fake.requests).toEqual([]);
});
