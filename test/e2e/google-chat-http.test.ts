/**
 * Google Chat over HTTP, end to end: the real bot (Slack and Chat in one process, BullMQ workers,
 * Redis) gets signed Chat events over a socket, reads the GKE fake, and answers through the Chat API
 * fake. Asserted is what people see in Chat: the synchronous answers and the messages in the fake.
 */
import { APPROVE_ACTION_ID, DENY_ACTION_ID } from '../../src/render/approval-message';
import { REGISTRY_UNREACHABLE } from '../../src/registry/registry-unreachable';
import type { SlackCall } from '../fakes/slack-api';
import type { ChatRequest, FakeChatMessage } from '../fakes/google-chat-api';
import { APPROVER, CHANNEL, type Harness, REQUESTER, messageText, startHarness } from '../support/bot-harness';
import { DM, cardClicked, directMessage, slashCommand, visibleText } from '../support/google-chat-events';
import { CHAT_APPROVER, CHAT_REQUESTER, CHAT_SPACE, type ChatRig, startChatRig } from '../support/google-chat-rig';
import { until } from '../support/until';

jest.setTimeout(30_000);

const IMAGE = 'us-east1-docker.pkg.dev/acme-prod/web/frontend:v5';
// The buttons' function names: the action ids of the neutral approval message.
const APPROVE = APPROVE_ACTION_ID;
const DENY = DENY_ACTION_ID;

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

/** The first message the bot creates in `space` after the `before` it had, once it exists. */
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
    (r) => r.method === 'POST' && r.status === 200 && r.query.requestId === message.requestId,
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

/** The event with its message in `thread` (a reply under an earlier message; a DM message has one too). */
function inThread<T extends { message: object }>(event: T, thread: string): T {
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
  it('acks `status shop` and `check IMAGE` at once; the job answers each with a card in its space and thread', async () => {
    let before = rig.chat.messagesIn(CHAT_SPACE).length;
    const ack = await send(slashCommand('status shop'));
    expect(visibleText(ack)).toContain('Reading image streaming settings');
    expect(ack.cardsV2).toBeUndefined();

    const status = await createdAfter(CHAT_SPACE, before, 'the status answer');
    expect(status.cardsV2).toHaveLength(1);
    expect(visibleText(status)).toContain('Image streaming on shop');
    expect(visibleText(status)).toContain('Node pools streaming images: 1 of 3');
    expect(status.privateMessageViewer).toBeUndefined();
    // Asked in thread TTT1: the answer is created as a reply there (the fake knows no people's
    // messages, so it opens a thread: the check below is asked in that one, which it knows).
    const asked = createRequestOf(status);
    expect(asked.path).toBe(`/v1/${CHAT_SPACE}/messages`);
    expect(asked.query.messageReplyOption).toBe('REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD');
    expect((asked.body as { thread?: unknown }).thread).toEqual({ name: `${CHAT_SPACE}/threads/TTT1` });

    before = rig.chat.messagesIn(CHAT_SPACE).length;
    const checkAck = await send(
      inThread(
        slashCommand(`check ${IMAGE} --gke-version 1.27.3-gke.100 --node-location us-east1-b`),
        status.thread.name,
      ),
    );
    expect(visibleText(checkAck)).toContain(`Checking ${IMAGE}`);

    const report = await createdAfter(CHAT_SPACE, before, 'the check report');
    expect(report.thread.name).toBe(status.thread.name);
    expect(report.threadReply).toBe(true);
    expect(report.cardsV2).toHaveLength(1);
    // The registry cannot be read (nothing listens at IMAGESTREAM_REGISTRY_URL): the documented answer.
    expect(visibleText(report)).toMatch(/unknown/i);
    expect(visibleText(report)).toContain(REGISTRY_UNREACHABLE);
    expect(visibleText(report)).toContain('symlink-rename');
  });
});

describe('enable with approval', () => {
  it('posts the request through the API, refuses self-approval, and applies once on a double Approve', async () => {
    const updatesBefore = gkeUpdates();
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
    expect(gkeUpdates()).toBe(updatesBefore);
    expect(patchesOf(request)).toEqual([]);

    // Bob, an approver by e-mail, clicks Approve twice at once (the older click form).
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
    for (const text of shown) expect(text).toMatch(new RegExp(`Approved by \\S*${CHAT_APPROVER.name}`));
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

describe('one approval id space for Slack and Google Chat', () => {
  it('refuses a Chat click on a request made in Slack, which stays pending', async () => {
    const posted = nextSlack('chat.postMessage');
    await h.command('disable shop --pool gpu-pool', { user: REQUESTER });
    const blocks = (await posted).body.blocks as Array<{ type: string; elements?: Array<{ value?: string }> }>;
    const id = blocks.find((b) => b.type === 'actions')!.elements![0]!.value!;
    const updatesBefore = gkeUpdates();

    const refused = await send(cardClicked(APPROVE, id, CHAT_APPROVER));
    expect(visibleText(refused)).toMatch(
      /made on Slack, so only approvers there can decide it \(you are on Google Chat\)/,
    );
    expect(refused.privateMessageViewer).toEqual({ name: CHAT_APPROVER.name });
    expect(gkeUpdates()).toBe(updatesBefore);

    // Still pending: Slack's approver can still decide it.
    const denied = nextSlack('chat.update', (c) => /: denied$/i.test(String(c.body.text)));
    await h.click({ action_id: DENY, value: id, user_id: APPROVER, channel_id: CHANNEL, message_ts: '1.1' });
    expect(messageText((await denied).body)).toContain(APPROVER);
  });

  it('refuses a Slack click on a request made in Google Chat, which stays pending', async () => {
    const { request, id } = await requestInChat('disable shop --pool gpu-pool');
    const updatesBefore = gkeUpdates();

    const refused = nextSlack('chat.postEphemeral', (c) => c.body.user === APPROVER);
    await h.click({ action_id: APPROVE, value: id, user_id: APPROVER, channel_id: CHANNEL, message_ts: '1.2' });
    expect(messageText((await refused).body)).toMatch(
      /made on Google Chat, so only approvers there can decide it \(you are on Slack\)/,
    );
    expect(gkeUpdates()).toBe(updatesBefore);
    expect(patchesOf(request)).toEqual([]);

    // Still pending: Chat's approver denies it, and the message says so.
    expect(await send(cardClicked(DENY, id, CHAT_APPROVER, 'common', { message: request.name }))).toEqual({});
    await until(
      () => patchesOf(request).some((p) => visibleText(p).includes('Disable image streaming: denied')),
      10_000,
      'the request message patched to denied',
      async () => patchesOf(request).map(visibleText),
    );
    expect(gkeUpdates()).toBe(updatesBefore);
  });
});

describe('card clicks', () => {
  it('reads both click forms (common.invokedFunction, action.actionMethodName) the same way', async () => {
    const { request, id } = await requestInChat('disable shop --pool gpu-pool');
    const [common, action] = await Promise.all(
      (['common', 'action'] as const).map((form) =>
        send(cardClicked(APPROVE, id, CHAT_REQUESTER, form, { message: request.name })),
      ),
    );
    expect(visibleText(common)).toContain('You asked for this change');
    expect(action).toEqual(common);
    // The requester withdraws it with the older form: denied, as with the newer one above.
    expect(await send(cardClicked(DENY, id, CHAT_REQUESTER, 'action', { message: request.name }))).toEqual({});
    await until(
      () => patchesOf(request).some((p) => visibleText(p).includes(': denied')),
      10_000,
      'the request message patched to denied',
      async () => patchesOf(request).map(visibleText),
    );
  });
});

describe('a DM to the app', () => {
  it('answers `status shop` in the DM, not in a thread and not privately', async () => {
    const before = rig.chat.messagesIn(DM).length;
    // Every message Chat sends has a thread, a DM's too: the answer still goes to the DM itself.
    const ack = await send(inThread(directMessage('status shop'), `${DM}/threads/DDD1`));
    expect(visibleText(ack)).toContain('Reading image streaming settings');
    expect(ack.privateMessageViewer).toBeUndefined();

    const answer = await createdAfter(DM, before, 'the status answer in the DM');
    expect(visibleText(answer)).toContain('Image streaming on shop');
    expect(answer.privateMessageViewer).toBeUndefined();
    expect(answer.threadReply).toBe(false);
    const asked = createRequestOf(answer);
    expect(asked.path).toBe(`/v1/${DM}/messages`);
    expect(asked.query.messageReplyOption).toBeUndefined();
    expect(asked.body).not.toHaveProperty('thread');
    expect(asked.body).not.toHaveProperty('privateMessageViewer');
  });
});
