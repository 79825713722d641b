/**
 * The web chat end to end: the real bot (BullMQ workers, Redis, approvals) with the web chat plugged
 * in, driven over HTTP as the playground page drives it.
 */
import type { WebMessage } from '../../../adapters/web';
import { SHOP } from '../../support/bot-harness';
import { until } from '../../support/until';
import { type WebChatRig, startWebChatRig } from './web-chat-rig';

const CLUSTER = `projects/${SHOP.project}/locations/${SHOP.location}/clusters/${SHOP.cluster}`;

let rig: WebChatRig;
beforeAll(async () => {
  rig = await startWebChatRig();
});
afterAll(async () => {
  await rig?.stop();
});

const command = async (user: string, text: string): Promise<WebMessage> => {
  const res = await rig.post('/playground/command', { user, text });
  expect(res.status).toBe(200);
  return res.json.answer as WebMessage;
};

const click = async (user: string, messageId: string, action: string, value: string) => {
  const res = await rig.post('/playground/click', { user, messageId, action, value });
  expect(res.status).toBe(200);
  return res.json.answer as WebMessage | null;
};

const messagesOf = async (user: string): Promise<WebMessage[]> =>
  (await rig.get(`/playground/messages?user=${user}`)).json.messages;

it('answers `status shop` privately at once, then with the job answer in the channel and on the streams', async () => {
  const aliceStream = await rig.stream('alice');
  const bobStream = await rig.stream('bob');
  const ack = await command('alice', '/imagestream status shop');
  expect(ack).toMatchObject({ visibleTo: 'alice', author: 'bot', version: 1, space: 'playground' });
  expect(ack.text).toContain('Reading image streaming settings of shop');

  // The job's answer is the core's public one: the channel sees it.
  const isAnswer = (m: WebMessage) => /Image streaming on shop/.test(m.text) && m.visibleTo === undefined;
  await until(
    async () => (await messagesOf('alice')).some(isAnswer),
    10_000,
    "the status job's answer",
    () => messagesOf('alice'),
  );
  await until(() => aliceStream.messages.some(isAnswer), 5_000, "the answer on alice's stream");
  await until(() => bobStream.messages.some(isAnswer), 5_000, "the answer on bob's stream");
  // The ack was alice's alone: bob sees it neither on his stream nor in the channel.
  expect(bobStream.messages.map((m) => m.id)).not.toContain(ack.id);
  expect((await messagesOf('bob')).map((m) => m.id)).not.toContain(ack.id);
  // Counted like a Slack command.
  expect((await rig.get('/metrics')).text).toMatch(/imagestream_commands_total\{[^}]*subcommand="status"[^}]*\} 1/);
});

it('posts `enable shop` for approval, refuses the requester, and updates the request in place until done', async () => {
  const stream = await rig.stream('alice');
  const ack = await command('alice', 'enable shop');
  expect(ack.visibleTo).toBe('alice');
  expect(ack.text).toContain('approval request follows');

  let request: WebMessage | undefined;
  await until(
    async () =>
      (request = (await messagesOf('alice')).find((m) => /Enable image streaming: approval needed/.test(m.text))) !==
      undefined,
    10_000,
    'the approval request',
  );
  const posted = request!;
  expect(posted.visibleTo).toBeUndefined();
  expect(posted.html).toContain('Approve');
  expect(posted.html).toContain('Deny');
  // The buttons, as documentToText writes them: `[Approve](imagestream_approve:ID)`.
  const id = /\[Approve\]\(imagestream_approve:([A-Za-z0-9_-]+)\)/.exec(posted.text)![1]!;
  expect(posted.text).toContain(`[Deny](imagestream_deny:${id})`);

  const home = async () => (await rig.get('/playground/home?user=bob')).json.html as string;
  expect(await home()).toContain(`data-request="${id}"`);

  const refused = await click('alice', posted.id, 'imagestream_approve', id);
  expect(refused).toMatchObject({ visibleTo: 'alice' });
  expect(refused!.text).toContain('Only approvers can approve this request');
  expect(refused!.text).toContain('bob');
  expect(rig.chat.state.get(posted.id)!.version).toBe(1);

  expect(await click('bob', posted.id, 'imagestream_approve', id)).toBeNull();
  await until(
    () => /Enable image streaming: done/.test(rig.chat.state.get(posted.id)!.text),
    20_000,
    'the request done',
    async () => rig.chat.state.get(posted.id),
  );
  expect(rig.gke.updateCalls(CLUSTER)).toBe(1);
  // One message, changed in place: its versions grow on the stream, the last one done.
  await until(
    () => stream.messages.some((m) => m.id === posted.id && /: done/.test(m.text)),
    5_000,
    'done on the stream',
  );
  const versions = stream.messages.filter((m) => m.id === posted.id);
  expect(versions.length).toBeGreaterThan(1);
  expect(versions.map((m) => m.version)).toEqual([...versions.map((m) => m.version)].sort((a, b) => a - b));
  expect((await messagesOf('alice')).filter((m) => /Enable image streaming:/.test(m.text))).toHaveLength(1);
  expect(await home()).not.toContain(`data-request="${id}"`);
});

describe('bad requests', () => {
  const oneLine = (text: string) => expect(text).toMatch(/^[^\n]+\n$/);

  it.each([
    ['not JSON', '{user'],
    ['no text', { user: 'alice' }],
    ['a user name that is markup', { user: '<b>alice</b>', text: 'help' }],
    ['a text that is not a string', { user: 'alice', text: 42 }],
  ])('refuses a command with %s: 400 and one line', async (_what, body) => {
    const res = await rig.post('/playground/command', body);
    expect(res.status).toBe(400);
    oneLine(res.text);
  });

  it('refuses a click on a button the bot does not have, or on a message the user cannot see', async () => {
    const unknown = await rig.post('/playground/click', { user: 'bob', action: 'rm -rf', value: 'x' });
    expect(unknown.status).toBe(400);
    oneLine(unknown.text);
    const missing = await rig.post('/playground/click', {
      user: 'bob',
      messageId: 'm-00000000-1',
      action: 'imagestream_approve',
      value: 'x',
    });
    expect(missing.status).toBe(404);
    oneLine(missing.text);
  });

  it('refuses a body over the limit with 413, and a read without a user with 400', async () => {
    const big = await rig.post('/playground/command', { user: 'alice', text: 'x'.repeat(20_000) });
    expect(big.status).toBe(413);
    oneLine(big.text);
    for (const path of ['/playground/messages', '/playground/home?user=', '/playground/stream?user=A']) {
      const res = await rig.get(path);
      expect(res.status).toBe(400);
      oneLine(res.text);
    }
  });
});

it('forgets a stream once the browser closes it', async () => {
  const before = rig.chat.state.listenerCount;
  const stream = await rig.stream('alice');
  expect(rig.chat.state.listenerCount).toBe(before + 1);
  stream.close();
  await until(() => rig.chat.state.listenerCount === before, 5_000, 'the listener gone');
});

it('serves the page at /playground', async () => {
  const res = await rig.get('/playground');
  expect(res.status).toBe(200);
  expect(res.text).toContain('<html');
});
