/** The web chat's in-memory conversation and the ports over it, without a bot. */
import {
  WebConversation,
  WebMessageNotFound,
  WebMessenger,
  WebOutboxSender,
  createWebChat,
  webPrincipal,
} from '../../../adapters/web';
import { textMessage } from '../../../src/chat/message-document';
import { rich } from '../../../src/chat/rich-text';

const doc = (text: string) => textMessage(rich`${text}`);
const PLAYGROUND = { platform: 'web', space: 'playground' };

it('keeps the last messages only, and a key that names one of them posts nothing new', () => {
  const chat = new WebConversation({ maxMessages: 3, now: () => 7 });
  const first = chat.post({ space: 'playground', document: doc('one'), key: 'k1' });
  expect(chat.post({ space: 'playground', document: doc('again'), key: 'k1' })).toBe(first);
  for (const text of ['two', 'three', 'four']) chat.post({ space: 'playground', document: doc(text) });
  expect(chat.all().map((m) => m.text)).toEqual(['two', 'three', 'four']);
  // Forgotten, its key too: the same key posts anew.
  expect(chat.get(first.id)).toBeUndefined();
  expect(chat.post({ space: 'playground', document: doc('one'), key: 'k1' }).id).not.toBe(first.id);
});

it('updates a message in place with its next version, escaped, and refuses one it does not have', () => {
  const chat = new WebConversation();
  const seen: number[] = [];
  chat.subscribe((m) => seen.push(m.version));
  const posted = chat.post({ space: 'playground', document: doc('<b>x</b>') });
  expect(posted.html).not.toContain('<b>');
  const updated = chat.update('playground', posted.id, doc('y'));
  expect(updated).toMatchObject({ id: posted.id, version: 2, text: 'y' });
  expect(seen).toEqual([1, 2]);
  expect(() => chat.update('elsewhere', posted.id, doc('z'))).toThrow(WebMessageNotFound);
  expect(() => chat.update('playground', 'm-00000000-9', doc('z'))).toThrow(WebMessageNotFound);
});

it('shows a private answer to its requester alone, and a public one to everyone', async () => {
  const chat = new WebConversation();
  const messenger = new WebMessenger(chat);
  await messenger.reply(PLAYGROUND, doc('mine'), { requester: webPrincipal('alice') });
  await messenger.reply(PLAYGROUND, doc('ours'), { visibility: 'public', requester: webPrincipal('alice') });
  await messenger.tellPrivately(PLAYGROUND, webPrincipal('bob'), doc('his'));
  expect(chat.visibleTo('alice').map((m) => m.text)).toEqual(['mine', 'ours']);
  expect(chat.visibleTo('bob').map((m) => m.text)).toEqual(['ours', 'his']);
  await expect(messenger.reply(PLAYGROUND, doc('nobody'))).rejects.toThrow('requester');
});

it('posts an alert once per key, updates it, and answers in its thread', async () => {
  const chat = new WebConversation();
  const sender = new WebOutboxSender(chat);
  expect(sender.perSpaceIntervalMs).toBe(250);
  const ref = await sender.post(PLAYGROUND, doc('alert'), 'alert-1');
  expect(await sender.post(PLAYGROUND, doc('alert'), 'alert-1')).toEqual(ref);
  await sender.update(ref, doc('alert x2'));
  await sender.replyInThread(ref, doc('still happening'), 'alert-1:w2');
  await sender.replyInThread(ref, doc('still happening'), 'alert-1:w2');
  expect(chat.all().map((m) => [m.text, m.thread, m.version])).toEqual([
    ['alert x2', undefined, 2],
    ['still happening', ref.message, 1],
  ]);
  expect(sender.classify(new Error('boom'))).toEqual({ kind: 'transient', message: 'boom' });
});

it('names bob the approver in the playground and routes alerts to its channel', async () => {
  const { plugin, state } = createWebChat();
  expect(await plugin.directory!.isApprover(webPrincipal('bob'))).toBe(true);
  expect(await plugin.directory!.isApprover(webPrincipal('alice'))).toBe(false);
  expect(plugin.directory!.platformName).toBe('the playground');
  expect(plugin.alertRoutes!({ project: 'p', cluster: 'c', class: 'quota_exceeded' } as never)).toEqual([PLAYGROUND]);
  const posted = state.post({ space: 'playground', document: doc('x') });
  expect(plugin.messageIdFits!({ ...PLAYGROUND, message: posted.id })).toBe(true);
  expect(plugin.messageIdFits!({ ...PLAYGROUND, message: '1700000000.000100' })).toBe(false);
});
