/**
 * Replies stuck on a failing response URL (each retries for up to 25 minutes) and a Slack that
 * fails every chat.update must not hold up an approved change: the change reaches GKE while they
 * are pending, a new approval request is still posted, and the approval message catches up once
 * Slack answers again. Real Bolt, BullMQ and Redis; the Slack and GKE fakes.
 */
import type { SlackCall } from '../fakes/slack-api';
import { APPROVER, CHANNEL, Harness, SHOP, startHarness } from '../support/bot-harness';
import { until } from '../support/until';

const STUCK = 5; // as many as the default IMAGESTREAM_WORKER_CONCURRENCY
const POOL = (name: string) =>
  `projects/${SHOP.project}/locations/${SHOP.location}/clusters/${SHOP.cluster}/nodePools/${name}`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

/** Sends `enable ...` and returns the approval request id once its message is posted. */
async function requestChange(text: string): Promise<string> {
  const from = h.slack.calls.length;
  await h.command(text);
  const posted = await h.slack.waitFor(
    (c) => c.method === 'chat.postMessage' && h.slack.calls.indexOf(c) >= from && c.body.channel === CHANNEL,
    15_000,
  );
  const actions = (posted.body.blocks as any[]).find((b) => b.type === 'actions');
  return actions.elements.find((e: any) => e.action_id === 'imagestream_approve').value as string;
}

it('runs an approved enable on GKE while replies are stuck and chat.update fails, then updates the message', async () => {
  const id = await requestChange('enable shop --pool default-pool');

  // Replies that keep failing, to as many people: every status job has read GKE and is trying to answer.
  const stuck = Array.from({ length: STUCK }, (_, i) => `stuck${i}`);
  for (const responseId of stuck) h.slack.failNextResponse(responseId, 1_000_000, { status: 500 });
  for (const [i, responseId] of stuck.entries()) await h.command('status shop', { responseId, user: `USTUCK000${i}` });
  const refused = (responseId: string) => h.slack.rejected.some((c: SlackCall) => c.responseId === responseId);
  await until(() => stuck.every(refused), 20_000, 'every stuck reply to have been refused once');

  // Slack now fails every message update too.
  h.slack.failNext('chat.update', 1_000_000, { status: 500 });
  await h.click({
    action_id: 'imagestream_approve',
    value: id,
    user_id: APPROVER,
    channel_id: CHANNEL,
    message_ts: '1700000000.000100',
  });
  await until(
    () => h.gke.updateCalls(POOL('default-pool')) > 0,
    20_000,
    'the approved change to reach GKE',
    async () => ({
      updates: h.gke.updateCalls(POOL('default-pool')),
    }),
  );
  expect(stuck.some((responseId) => h.slack.callsOf('response_url').some((c) => c.responseId === responseId))).toBe(
    false,
  );

  // A new request is still worked out and posted while the replies are stuck.
  expect(await requestChange('enable shop --pool legacy-pool')).not.toBe(id);

  // Slack answers updates again: the message catches up with the finished change.
  h.slack.failNext('chat.update', 0, { status: 500 });
  await h.slack.waitFor((c) => c.method === 'chat.update' && /: done$/i.test(String(c.body.text)), 60_000);
}, 120_000);
