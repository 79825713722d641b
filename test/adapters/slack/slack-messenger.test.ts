/**
 * The Slack messenger: documents as Block Kit through the Web API and the response_url, and
 * Slack's refusals as NotPostedError (the core never reads a Slack error code).
 */
import { toSlackMessage } from '../../../adapters/slack/block-kit/to-slack-message';
import type { SlackChatClient } from '../../../adapters/slack/messenger/slack-chat-client';
import { SlackMessenger } from '../../../adapters/slack/messenger/slack-messenger';
import type { MessageDocument } from '../../../src/chat/message-document';
import { NotPostedError } from '../../../src/chat/messenger-errors';
import { principalId } from '../../../src/chat/principal-id';
import { rich } from '../../../src/chat/rich-text';

const doc: MessageDocument = { summary: rich`Hello <world>`, blocks: [{ type: 'text', text: rich`Hello <world>` }] };
const slackError = (code: string, error?: string) =>
  Object.assign(new Error(`An API error occurred: ${error ?? code}`), { code, ...(error ? { data: { error } } : {}) });

function recording(fail?: unknown) {
  const calls: Array<{ method: string; args: Record<string, unknown> }> = [];
  const record = (method: string) => async (args: Record<string, unknown>) => {
    calls.push({ method, args });
    if (fail) throw fail;
    return { ok: true, ts: '1700000000.000100' };
  };
  const web = {
    chat: { postMessage: record('postMessage'), update: record('update'), postEphemeral: record('postEphemeral') },
  } as unknown as SlackChatClient;
  return { calls, web };
}

it('posts in the thread as Block Kit and returns where the message lives', async () => {
  const { calls, web } = recording();
  const ref = await new SlackMessenger({ web }).post({ platform: 'slack', space: 'C0OPS', thread: '1.2' }, doc);
  expect(ref).toEqual({ platform: 'slack', space: 'C0OPS', message: '1700000000.000100' });
  expect(calls).toEqual([
    { method: 'postMessage', args: { channel: 'C0OPS', thread_ts: '1.2', ...toSlackMessage(doc) } },
  ]);
});

it('updates in place and tells one user privately by their Slack id', async () => {
  const { calls, web } = recording();
  const slack = new SlackMessenger({ web });
  await slack.update({ platform: 'slack', space: 'C0OPS', message: '1.2' }, doc);
  await slack.tellPrivately({ platform: 'slack', space: 'C0OPS' }, principalId('slack', 'U0ALICE'), doc);
  expect(calls.map((c) => [c.method, c.args.channel, c.args.ts ?? c.args.user])).toEqual([
    ['update', 'C0OPS', '1.2'],
    ['postEphemeral', 'C0OPS', 'U0ALICE'],
  ]);
});

it('says when Slack certainly did not post, and whether asking again may pass', async () => {
  const to = { platform: 'slack', space: 'C0OPS' };
  const notIn = await new SlackMessenger(recording(slackError('slack_webapi_platform_error', 'not_in_channel')))
    .post(to, doc)
    .catch((e: unknown) => e);
  expect(notIn).toBeInstanceOf(NotPostedError);
  expect(notIn).toMatchObject({ final: true, message: expect.stringMatching(/invite it/) });
  const down = await new SlackMessenger(recording(slackError('slack_webapi_http_error')))
    .post(to, doc)
    .catch((e: unknown) => e);
  expect(down).toMatchObject({ name: 'NotPostedError', final: false });
  // No answer at all: the message may have been posted.
  const lost = await new SlackMessenger(recording(slackError('slack_webapi_request_error')))
    .post(to, doc)
    .catch((e: unknown) => e);
  expect(lost).not.toBeInstanceOf(NotPostedError);
});

it('replies on the response_url with the visibility as Slack names it', async () => {
  const bodies: unknown[] = [];
  const fetch = (async (_url: string, init: { body: string }) => {
    bodies.push(JSON.parse(init.body));
    return new Response('ok', { status: 200 });
  }) as unknown as typeof globalThis.fetch;
  const slack = new SlackMessenger({ web: recording().web, responseUrl: { fetch } });
  const to = { platform: 'slack', space: 'C0OPS', replyHandle: 'https://hooks.slack.com/commands/T1/1/x' };
  await slack.reply(to, doc, { visibility: 'public', requester: principalId('slack', 'U0ALICE') });
  await slack.reply(to, doc, { visibility: 'private', replaceOriginal: false });
  expect(bodies).toEqual([
    { ...toSlackMessage(doc), response_type: 'in_channel' },
    { ...toSlackMessage(doc), response_type: 'ephemeral', replace_original: false },
  ]);
  await expect(slack.reply({ platform: 'slack', space: 'C0OPS' }, doc)).rejects.toThrow(/no response URL/);
});
