/**
 * Slack down for 60 s (the figure; this is the slow test of the fault suite, about 1.5 to
 * 2 minutes): command replies and an alert with its update are produced during the outage; once
 * Slack is back each is delivered exactly once, and in order (replies in the order the commands
 * were sent, the alert's post before its update). In-process bot (real Bolt, BullMQ, Redis).
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

const OUTAGE_MS = 60_000;
const ALERTS = 'C0ALERTS01';

let slack: FakeSlack;
let h: Harness;
let redis: Redis;

beforeAll(async () => {
  slack = await startFakeSlack();
  h = await startHarness({ ALERT_CHANNEL: ALERTS, IMAGESTREAM_ALERT_UPDATE_SECONDS: '0.2' }, { slack });
  redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
});
afterAll(async () => {
  redis?.disconnect();
  await h?.stop();
  await slack?.close();
});

// SLOW: waits out a real 60-second outage.
it('delivers replies and alerts produced during a 60 s Slack outage once, in order, after it ends', async () => {
  // Bolt checks its token (auth.test) once at start, without waiting for it; a bot that started
  // before the outage has its answer, so wait for it here too.
  await slack.waitFor((c) => c.method === 'auth.test', 10_000);
  const outageEnds = Date.now() + OUTAGE_MS;
  slack.downUntil(outageEnds);

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

  // Produced during the outage: every command's job has run up to its reply, the first reply and
  // the alert's post were tried and refused (later replies wait in line behind the first).
  const queue = new Queue('jobs', { connection: redis, prefix: h.config.IMAGESTREAM_REDIS_PREFIX });
  const outbox = new Queue('outbox', { connection: redis, prefix: h.config.IMAGESTREAM_REDIS_PREFIX });
  const refused = (match: (c: FakeSlack['rejected'][number]) => boolean) => slack.rejected.some(match);
  await until(
    async () =>
      refused((c) => c.responseId === ids[0]) &&
      refused((c) => c.method === 'chat.postMessage' && c.body.channel === ALERTS) &&
      (await queue.getJobCounts('waiting', 'active')).active === ids.length,
    OUTAGE_MS - 10_000,
    'the replies and the alert to meet the outage',
  );
  expect(Date.now()).toBeLessThan(outageEnds);
  expect(slack.calls.filter((c) => ['response_url', 'chat.postMessage', 'chat.update'].includes(c.method))).toEqual([]);

  // After the outage: everything arrives.
  const replies = () => slack.callsOf('response_url');
  const alertPosts = () => slack.callsOf('chat.postMessage').filter((c) => c.body.channel === ALERTS);
  const alertUpdates = () => slack.callsOf('chat.update').filter((c) => c.body.channel === ALERTS);
  await until(
    () =>
      ids.every((id) => replies().some((c) => c.responseId === id)) &&
      [...alertPosts(), ...alertUpdates()].some((c) => String(c.body.text).includes('2 errors')),
    OUTAGE_MS + 75_000,
    'the replies and the alert after the outage',
  ).catch((err: Error) => {
    const seen = {
      replies: replies().map((c) => c.responseId),
      posts: alertPosts().length,
      updates: alertUpdates().map((c) => c.body.text),
    };
    throw new Error(`${err.message}: ${JSON.stringify(seen)}`);
  });
  expect(Date.now()).toBeGreaterThanOrEqual(outageEnds);

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
}, 200_000);
