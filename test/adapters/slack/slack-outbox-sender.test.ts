/** The Slack outbox sender against the Slack fake: one call each, Slack's answers as references, its errors sorted. */
import { createOutboxWebClient } from '../../../adapters/slack/outbox/outbox-web-client';
import { SlackOutboxSender } from '../../../adapters/slack/outbox/slack-outbox-sender';
import { text } from '../../../src/chat/rich-text';
import { FAKE_SLACK_TOKEN, FakeSlack, startFakeSlack } from '../../fakes/slack-api';

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const doc = (summary: string) => ({ summary: [text(summary)], blocks: [] });

let fake: FakeSlack;
let sender: SlackOutboxSender;

beforeEach(async () => {
  fake = await startFakeSlack({ notInChannels: ['C0NOBOT01'] });
  sender = new SlackOutboxSender(createOutboxWebClient(FAKE_SLACK_TOKEN, fake.apiUrl, { logger: quiet }));
});
afterEach(async () => {
  await fake.close();
});

it("posts, updates and replies in the thread, answering Slack's channel and ts as the message reference", async () => {
  const ref = await sender.post({ platform: 'slack', space: 'C0ALERTS01' }, doc('alert one'));
  expect(ref).toEqual({ platform: 'slack', space: 'C0ALERTS01', message: expect.stringMatching(/^\d+\.\d+$/) });
  await sender.update(ref, doc('alert one, again'));
  await sender.replyInThread(ref, doc('still happening'));
  expect(fake.calls.map((c) => [c.method, c.body.channel, c.body.ts ?? c.body.thread_ts, c.body.text])).toEqual([
    ['chat.postMessage', 'C0ALERTS01', undefined, 'alert one'],
    ['chat.update', 'C0ALERTS01', ref.message, 'alert one, again'],
    ['chat.postMessage', 'C0ALERTS01', ref.message, 'still happening'],
  ]);
  expect(sender.perSpaceIntervalMs).toBe(1000);
});

it('sorts Slack errors: a channel without the bot is undeliverable, 429 rate limited, 500 transient', async () => {
  const failure = async (call: () => Promise<unknown>) =>
    sender.classify(
      await call().then(
        () => null,
        (e) => e,
      ),
    );
  expect(await failure(() => sender.post({ platform: 'slack', space: 'C0NOBOT01' }, doc('x')))).toMatchObject({
    kind: 'undeliverable',
    reason: 'not_in_channel',
  });
  fake.failNext('chat.postMessage', 1, { status: 429, retryAfter: 30 });
  expect(await failure(() => sender.post({ platform: 'slack', space: 'C0ALERTS01' }, doc('x')))).toMatchObject({
    kind: 'rate-limited',
    retryAfterMs: 30_000,
  });
  fake.failNext('chat.update', 1, { status: 500 });
  const ref = { platform: 'slack', space: 'C0ALERTS01', message: '1.2' };
  expect(await failure(() => sender.update(ref, doc('x')))).toMatchObject({ kind: 'transient' });
});
