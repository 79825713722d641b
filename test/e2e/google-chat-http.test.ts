/**
 * Google Chat over HTTP, end to end: the real bot (Slack and Chat in one process, BullMQ workers,
 * Redis) gets signed Chat events over a socket, reads the GKE fake, and answers through the Chat API
 * fake. Asserted is what people see in Chat: the synchronous answers and the messages in the fake.
 */
import type { SlackCall } from '../fakes/slack-api';
import type { ChatRequest, FakeChatMessage } from '../fakes/google-chat-api';
import { APPROVER, CHANNEL, type Harness, REQUESTER, SHOP, messageText, startHarness } from '../support/bot-harness';
import { DM, cardClicked, directMessage, slashCommand, visibleText } from '../support/google-chat-events';
import { CHAT_APPROVER, CHAT_REQUESTER, CHAT_SPACE, type ChatRig, startChatRig } from '../support/google-chat-rig';
import { until } from '../support/until';

jest.setTimeout(30_000);

const IMAGE = 'us-east1-docker.pkg.dev/acme-prod/web/frontend:v5';
const APPROVE = 'imagestream_approve';
const DENY = 'imagestream_deny';

let rig: ChatRig;
let h: Harness;

beforeAll(async () => {
  rig = await startChatRig();
  rig.chat.addSpace(DM, { spaceType: 'DIRECT_MESSAGE' });
  h = await startHarness(rig.env);
});

afterAll(async () => {
  await h?.stop();
  await rig?.close();
});

type Answer = { text?: string; cardsV2?: unknown; privateMessageViewer?: { name: string } };

/** Sends a Chat event to the bot; its HTTP status must be 200, and the synchronous answer is returned. */
async function send(event: unknown): Promise<Answer> {
  const res = await rig.send(h.bot.port!, event);
  expect(res.status).toBe(200);
  return res.body as Answer;
}

/** The `n`th message the bot creates in `space` after the `before` it had, once it exists. */
async function createdAfter(space: string, before: number, what: string): Promise<FakeChatMessage> {
  await until(
    () => rig.chat.messagesIn(space).length > before,
    10_000,
    what,
    async () => rig.chat.requests.slice(-5),
  );
  return rig.chat.messagesIn(space)[before]!;
}

/** The create request that made `message` (what the bot asked Chat for: thread, reply option, viewer). */
function createRequestOf(message: FakeChatMessage): ChatRequest {
  const found = rig.chat.requests.find(
    (r) => r.method === 'POST' && r.status === 200 && r.query.requestId === (message as { requestId?: string }).requestId,
  );
  if (!found) throw new Error(`no create request for ${message.name}`);
  return found;
}

/** Every patch of `message` Chat applied, oldest first, as what the space saw. */
function patchesOf(message: FakeChatMessage): Answer[] {
  return rig.chat.requests
    .filter((r) => r.method === 'PATCH' && r.status === 200 && r.path === `/v1/${message.name}`)
    .map((r) => r.body as Answer);
}

/** The card buttons of a message: function name and `value` parameter. */
function buttonsOf(message: Answer): Array<{ text: string; fn: string; value?: string }> {
  const found: Array<{ text: string; fn: string; value?: string }> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const button = node as { text?: string; onClick?: { action?: { function: string; parameters?: any[] } } };
    if (button.onClick?.action) {
      const value = button.onClick.action.parameters?.find((p) => p.key === 'value')?.value;
      found.push({ text: String(button.text), fn: button.onClick.action.function, value });
    }
    Object.values(node).forEach(walk);
  };
  walk(message.cardsV2);
  return found;
}

/** A command sent from a thread the space already has (a reply under an earlier message). */
function inThread<T extends { message: { thread?: { name: string } } }>(event: T, thread: string): T {
  return { ...event, message: { ...event.message, thread: { name: thread } } };
}

/** Asks `text` in the space as Ada; returns the synchronous answer and the approval request created through the API. */
async function requestInChat(text: string): Promise<{ ack: Answer; request: FakeChatMessage; id: string }> {
  const before = rig.chat.messagesIn(CHAT_SPACE).length;
  const ack = await send(slashCommand(text, CHAT_REQUESTER));
  const request = await createdAfter(CHAT_SPACE, before, `the approval request of "${text}"`);
  const buttons = buttonsOf(request);
  expect(buttons.map((b) => [b.text, b.fn])).toEqual([
    ['Approve', APPROVE],
    ['Deny', DENY],
  ]);
  expect(buttons[0]!.value).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  expect(buttons[1]!.value).toBe(buttons[0]!.value);
  return { ack, request, id: buttons[0]!.value! };
}

/** The next Slack call of `method` from now on that matches. */
function nextSlack(method: string, match: (c: SlackCall) => boolean = () => true): Promise<SlackCall> {
  const from = h.slack.calls.length;
  return h.slack.waitFor((c) => c.method === method && h.slack.calls.indexOf(c) >= from && match(c), 10_000);
}

/** Every update request the GKE fake received (clusters.update, nodePools.update, nodePools.create). */
const gkeUpdates = () =>
  h.gke.requests.filter((r) => ['clusters.update', 'nodePools.update', 'nodePools.create'].includes(r.route)).length;

describe('commands answered by a job', () => {
  it('acks `status shop` at once, then answers in the same space and thread with a card', async () => {
    const before = rig.chat.messagesIn(CHAT_SPACE).length;
    const ack = await send(slashCommand('status shop'));
    expect(visibleText(ack)).toContain('Reading image streaming settings');
    expect(ack.cardsV2).toBeUndefined();

    const answer = await createdAfter(CHAT_SPACE, before, 'the status answer');
    expect(answer.cardsV2).toHaveLength(1);
    expect(visibleText(answer)).toContain('Image streaming on shop');
    expect(visibleText(answer)).toContain('Node pools streaming images: 1 of 3');
    expect(answer.privateMessageViewer).toBeUndefined();
    // Asked in thread TTT1: the answer is created as a reply there (the fake knows no user messages,
    // so it opens the thread; the next test replies in a thread it knows).
    const asked = createRequestOf(answer);
    expect(asked.path).toBe(`/v1/${CHAT_SPACE}/messages`);
    expect(asked.query.messageReplyOption).toBe('REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD');
    expect((asked.body as { thread?: unknown }).thread).toEqual({ name: `${CHAT_SPACE}/threads/TTT1` });
  });

  it('acks `check IMAGE` at once, then answers with the report card in the thread it was asked in', async () => {
    const thread = rig.chat.messagesIn(CHAT_SPACE).at(-1)!.thread.name;
    const before = rig.chat.messagesIn(CHAT_SPACE).length;
    const ack = await send(
      inThread(slashCommand(`check ${IMAGE} --gke-version 1.27.3-gke.100 --node-location us-east1-b`), thread),
    );
    expect(visibleText(ack)).toContain(`Checking ${IMAGE}`);

    const answer = await createdAfter(CHAT_SPACE, before, 'the check report');
    expect(answer.thread.name).toBe(thread);
    expect(answer.threadReply).toBe(true);
    expect(answer.cardsV2).toHaveLength(1);
    // The registry cannot be read (nothing listens at IMAGESTREAM_REGISTRY_URL): the documented answer.
    expect(visibleText(answer)).toMatch(/unknown/i);
    expect(visibleText(answer)).toContain('symlink-rename');
  });
});

describe('enable with approval', () => {
  it('posts the request through the API, refuses self-approval, and applies once on a double Approve', async () => {
    const { ack, request, id } = await requestInChat('enable shop');
    // The synchronous answer only says a request follows: no buttons in it.
    expect(visibleText(ack)).toContain('an approval request follows');
    expect(buttonsOf(ack)).toEqual([]);
    expect(visibleText(request)).toContain('Enable image streaming: approval needed');
    expect(request.privateMessageViewer).toBeUndefined();

    // Ada asked: her Approve is refused, to her only, and nothing is applied or shown.
    const self = await send(cardClicked(APPROVE, id, CHAT_REQUESTER, 'common', { message: request.name }));
    expect(visibleText(self)).toContain('You asked for this change, so another approver has to approve it.');
    expect(self.privateMessageViewer).toEqual({ name: CHAT_REQUESTER.name });
    expect(gkeUpdates()).toBe(0);
    expect(patchesOf(request)).toEqual([]);

    // Bob, an approver by e-mail, clicks Approve twice at once (the older click form).
    const updatesBefore = gkeUpdates();
    const clicks = await Promise.all([
      send(cardClicked(APPROVE, id, CHAT_APPROVER, 'action', { message: request.name })),
      send(cardClicked(APPROVE, id, CHAT_APPROVER, 'action', { message: request.name })),
    ]);
    // Nothing to tell him: the request's own message shows what happens.
    expect(clicks).toEqual([{}, {}]);
    await until(
      () => patchesOf(request).some((p) => visibleText(p).includes('Enable image streaming: done')),
      10_000,
      'the request message patched to done',
      async () => patchesOf(request).map(visibleText),
    );
    expect(gkeUpdates() - updatesBefore).toBe(1);

    // Patched in place, in order: (approved,) running with the operation, done; each names the approver.
    const shown = patchesOf(request).map(visibleText);
    const states = shown.map((text) => /Enable image streaming: ([a-z, ]+)/.exec(text)![1]);
    expect(states.join(' > ')).toMatch(/^(approved, queued > )?(running > )+done$/);
    expect(shown.some((text) => /Running: running operation-\S+: (PENDING|RUNNING)/.test(text))).toBe(true);
    for (const text of shown) expect(text).toContain(`Approved by @${CHAT_APPROVER.name}`);
    expect(shown.at(-1)).toContain('image streaming is enabled on shop');
    for (const patch of patchesOf(request)) expect(buttonsOf(patch)).toEqual([]);
    // Every step was a patch of that one message: nothing else was posted in the space.
    expect(rig.chat.messagesIn(CHAT_SPACE).at(-1)!.name).toBe(request.name);

    // verify reads it back as Slack's does.
    const before = rig.chat.messagesIn(CHAT_SPACE).length;
    expect(visibleText(await send(slashCommand('verify shop')))).toContain('Verifying shop');
    const verified = await createdAfter(CHAT_SPACE, before, 'the verify answer');
    expect(visibleText(verified)).toMatch(/nodeConfigDefaults:.*gcfsConfig:.*enabled: true/s);
    expect(verified.fallbackText).toBe('shop: cluster default on, 3 of 3 pools on');
  });
});
