/**
 * Slack down for 60 s (the figure): command replies and an alert with its update are
 * produced during the outage; once Slack is back each is delivered exactly once, and in order
 * (replies in the order the commands were sent, the alert's post before its update). In-process bot
 * (real Bolt, BullMQ, Redis).
 *
 * The outage runs on a clock ten times faster: the bot's Slack retry delays are injected at a tenth
 * of production's, and Slack stays down until the bot has met it as often as 60 s of production
 * delays would make it (counted at the fake), not for a fixed time: the same attempts, in about 6 s.
 */
import { Queue } from 'bullmq';
import { TEST_REDIS_URL } from '../support/redis-url';
import { Redis } from 'ioredis';
import { createAlerts } from '../../src/app/start-alerts';
import { createLogger } from '../../src/logging/logger';
import { BotMetrics } from '../../src/metrics/bot-metrics';
import { classified } from '../alerts/sink-entries';
import { FakeSlack, startFakeSlack } from '../fakes/slack-api';
import { Harness, messageText, startHarness } from '../support/bot-harness';
import { until } from '../support/until';

const ALERTS = 'C0ALERTS01';
// Production's delays, divided by SPEEDUP: replies back off from 0.5 s doubling to 15 s, the alert
// outbox from 1 s doubling to 60 s (jittered down to half).
const SPEEDUP = 10;
const REPLY_RETRY = { baseMs: 500 / SPEEDUP, maxMs: 15_000 / SPEEDUP };
const OUTBOX_RETRY = { baseMs: 1000 / SPEEDUP, maxMs: 60_000 / SPEEDUP };
// Attempts refused by a 60 s outage with production's delays: a reply is tried at 0, 0.5, 1.5, 3.5,
// 7.5, 15.5, 30.5 and 45.5 s (8, the next at 60.5 s); the outbox's jittered waits of 0.5-1, 1-2,
// 2-4, 4-8 and 8-16 s put at least 6 posts within 31 s (the 7th may come at up to 63 s).
const REPLY_REFUSALS = 8;
const POST_REFUSALS = 6;

let slack: FakeSlack;
let h: Harness;
let redis: Redis;

beforeAll(async () => {
  slack = await startFakeSlack();
  h = await startHarness(
    { ALERT_CHANNEL: ALERTS, IMAGESTREAM_ALERT_UPDATE_SECONDS: '0.2' },
    { slack, replyRetry: REPLY_RETRY, outboxRetry: OUTBOX_RETRY },
  );
  redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
});
afterAll(async () => {
  redis?.disconnect();
  await h?.stop();
  await slack?.close();
});

it('delivers replies and alerts produced during a 60 s Slack outage once, in order, after it ends', async () => {
  // Bolt checks its token (auth.test) once at start, without waiting for it; a bot that started
  // before the outage has its answer, so wait for it here too.
  await slack.waitFor((c) => c.method === 'auth.test', 10_000);
  // Down until the test ends the outage below.
  slack.downUntil(Number.POSITIVE_INFINITY);

  // Three commands from one user in one channel, in this order.
  const commands = ['status shop', 'verify shop --pool default-pool', 'status jobs --location us-central1'];
  const ids: string[] = [];
  for (const text of commands) {
    const ack = await h.command(text);
    expect(ack.status).toBe(200);
    ids.push(ack.responseId);
  }

  // An alert opens, then gets a second entry (an update), through the app's own alert pipeline.
  const alerts = createAlerts(h.config, redis, createLogger({ level: 'silent' }), new BotMetrics());
  const first = await alerts.store.record(classified('quota-exceeded', { insertId: 'outage-1', node: 'node-a' }));
  expect(first.kind).toBe('new');
  const alertId = (first as { alert: { id: string } }).alert.id;
  await alerts.outbox.post(alertId);
  const second = await alerts.store.record(classified('quota-exceeded', { insertId: 'outage-2', node: 'node-b' }));
  expect(second.kind).toBe('updated');
  await alerts.outbox.update(alertId);

  // Produced during the outage: every command's job has handed its reply to the replies queue, the
  // first reply and the alert's post were tried and refused (later replies wait in line behind the first).
  const queue = new Queue('replies', { connection: redis, prefix: h.config.IMAGESTREAM_REDIS_PREFIX });
  const outbox = new Queue('outbox', { connection: redis, prefix: h.config.IMAGESTREAM_REDIS_PREFIX });
  const refused = (match: (c: FakeSlack['rejected'][number]) => boolean) => slack.rejected.filter(match).length;
  const firstReplyRefused = () => refused((c) => c.responseId === ids[0]);
  const postRefused = () => refused((c) => c.method === 'chat.postMessage' && c.body.channel === ALERTS);
  await until(
    async () =>
      firstReplyRefused() >= 1 &&
      postRefused() >= 1 &&
      (await queue.getJobCounts('waiting', 'active')).active === ids.length,
    50_000,
    'the replies and the alert to meet the outage',
  );
  // The outage lasts as many attempts as 60 s of production delays refuse.
  await until(
    () => firstReplyRefused() >= REPLY_REFUSALS && postRefused() >= POST_REFUSALS,
    60_000,
    `${REPLY_REFUSALS} refused attempts of the first reply and ${POST_REFUSALS} of the alert's post`,
    async () => ({ reply: firstReplyRefused(), post: postRefused() }),
  );
  expect(slack.calls.filter((c) => ['response_url', 'chat.postMessage', 'chat.update'].includes(c.method))).toEqual([]);
  // Every command is still waiting for its reply: none gave up during the outage.
  expect((await queue.getJobCounts('active')).active).toBe(ids.length);
  const deliveredDuringOutage = slack.calls.length;
  slack.downUntil(undefined);

  // After the outage: everything arrives.
  const replies = () => slack.callsOf('response_url');
  const alertPosts = () => slack.callsOf('chat.postMessage').filter((c) => c.body.channel === ALERTS);
  const alertUpdates = () => slack.callsOf('chat.update').filter((c) => c.body.channel === ALERTS);
  await until(
    () =>
      ids.every((id) => replies().some((c) => c.responseId === id)) &&
      [...alertPosts(), ...alertUpdates()].some((c) => String(c.body.text).includes('2 errors')),
    75_000,
    'the replies and the alert after the outage',
  ).catch((err: Error) => {
    const seen = {
      replies: replies().map((c) => c.responseId),
      posts: alertPosts().length,
      updates: alertUpdates().map((c) => c.body.text),
    };
    throw new Error(`${err.message}: ${JSON.stringify(seen)}`);
  });
  // Delivered after the outage ended, not during it.
  const deliveredAfter = slack.calls.slice(deliveredDuringOutage);
  for (const c of [...replies(), ...alertPosts(), ...alertUpdates()]) expect(deliveredAfter).toContain(c);

  // Once: nothing left to deliver, and one delivery of each.
  try {
    const idle = async (q: Queue) =>
      Object.values(await q.getJobCounts('waiting', 'active', 'delayed')).every((n) => n === 0);
    await until(async () => (await idle(queue)) && (await idle(outbox)), 30_000, 'both queues to drain');
  } finally {
    await queue.close();
    await outbox.close();
    await alerts.outbox.close();
  }
  expect(replies().map((c) => c.responseId)).toEqual(ids); // once each, in the order sent
  expect(messageText(replies()[0]!.body)).toContain('default-pool');
  // One alert message, posted before any update of it; the post, made after the outage, already
  // shows both entries (the pending update is absorbed instead of repeating it).
  expect(alertPosts()).toHaveLength(1);
  const posted = slack.calls.indexOf(alertPosts()[0]!);
  expect(alertUpdates().every((c) => slack.calls.indexOf(c) > posted)).toBe(true);
  expect(String(alertUpdates().at(-1)?.body.text ?? alertPosts()[0]!.body.text)).toContain('2 errors');
}, 180_000);
