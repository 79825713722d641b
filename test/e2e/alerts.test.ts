/**
 * The alert pipeline end to end: a storm published to Google's own Pub/Sub server (pstest), two bot
 * replicas subscribed to it, Redis shared, Slack (the fake) answering 429 and 500 for a while.
 */
import { PubSub } from '@google-cloud/pubsub';
import { TEST_REDIS_URL } from '../support/redis-url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { AlertStore } from '../../src/alerts/alert-store';
import { alertRoutes } from '../../src/alerts/alert-routes';
import { sinkEntry } from '../alerts/sink-entries';
import { FakeSlack, SlackCall, startFakeSlack } from '../fakes/slack-api';
import { GkeFake, startGkeFake } from '../fakes/gke-api';
import { Harness, startHarness } from '../support/bot-harness';
import { Pstest, startPstest } from '../support/pstest';
import { until } from '../support/until';

jest.setTimeout(240_000);

const ALERTS = 'C0ALERTS01';
let pstest: Pstest;
let slack: FakeSlack;
let gke: GkeFake;
const bots: Harness[] = [];

beforeAll(async () => {
  pstest = await startPstest();
  process.env.PUBSUB_EMULATOR_HOST = pstest.host;
  slack = await startFakeSlack();
  gke = await startGkeFake();
}, 180_000);
afterAll(async () => {
  for (const b of bots.splice(0)) await b.stop();
  delete process.env.PUBSUB_EMULATOR_HOST;
  await gke?.close();
  await slack?.close();
  await pstest?.stop();
});

/** The alert id in a posted alert's buttons. */
const alertIdOf = (call: SlackCall): string => {
  const actions = (call.body.blocks as any[]).find((b) => b.type === 'actions');
  return actions.elements.find((e: any) => typeof e.value === 'string').value as string;
};

describe('a storm of gcfsd errors', () => {
  it('posts one alert per problem, once across two replicas, with every entry counted once', async () => {
    const pubsub = new PubSub({ projectId: 'test-project' });
    const [topic] = await pubsub.createTopic('gcfsd-storm');
    await topic.createSubscription('gcfsd-storm-bot', { ackDeadlineSeconds: 30 });
    const prefix = `e2e-storm-${Date.now().toString(36)}`;
    const env = {
      PUBSUB_SUBSCRIPTION: 'gcfsd-storm-bot',
      ALERT_CHANNEL: ALERTS,
      IMAGESTREAM_REDIS_PREFIX: prefix,
      IMAGESTREAM_ALERT_UPDATE_SECONDS: '0.2',
      GOOGLE_CLOUD_PROJECT: 'test-project',
    };
    bots.push(await startHarness(env, { slack, gke }), await startHarness(env, { slack, gke }));

    // Slack is unwell at first: posts meet 429s, updates meet 500s.
    slack.failNext('chat.postMessage', 2, { status: 429, retryAfter: 1 });
    slack.failNext('chat.update', 3, { status: 500 });

    // In two waves, the second once the three alerts are posted: the storm goes on after the
    // posts, so their messages must be updated (through the 500s). In one wave a fast machine could
    // count every entry before the first post, leaving nothing to update.
    const entry = (kind: Parameters<typeof sinkEntry>[0], o: Parameters<typeof sinkEntry>[1]) =>
      Buffer.from(JSON.stringify(sinkEntry(kind, o)));
    const node = (i: number) => `gke-prod-east-pool-1-abcd-${String(i % 7).padStart(4, '0')}`;
    const quotaEntries = (from: number, to: number): Buffer[] => {
      const out: Buffer[] = [];
      for (let i = from; i < to; i++) {
        out.push(entry('quota-exceeded', { insertId: `q${i}`, node: node(i) }));
        if (i % 1000 === 500) out.push(Buffer.from('not json at all'), Buffer.from('{"just":"an object"}'));
      }
      return out;
    };
    const first = quotaEntries(0, 1000);
    for (let i = 0; i < 5; i++) first.push(entry('permission-denied', { insertId: `p${i}` }));
    for (let i = 0; i < 2; i++) first.push(entry('failed-precondition', { insertId: `f${i}` }));
    const second = quotaEntries(1000, 5000);
    // Overlapping sinks: a few hundred entries arrive twice.
    for (let i = 0; i < 300; i++) second.push(entry('quota-exceeded', { insertId: `q${i}`, node: node(i) }));
    await Promise.all(first.map((data) => topic.publishMessage({ data })));

    const posts = () => slack.callsOf('chat.postMessage').filter((c) => c.body.channel === ALERTS);
    await until(() => posts().length >= 3, 60_000, 'three alerts');
    await Promise.all(second.map((data) => topic.publishMessage({ data })));

    // Every entry counted once: read the store the replicas share.
    const redis = new Redis(TEST_REDIS_URL);
    const store = new AlertStore(redis, { keyPrefix: `${prefix}:alerts:`, destinationFor: alertRoutes({}, ALERTS) });
    const ids = posts().map(alertIdOf);
    const counts = async () => Promise.all(ids.map(async (id) => (await store.get(id))?.count ?? -1));
    await until(
      async () => (await counts()).sort((a, b) => a - b).join() === '2,5,5000',
      60_000,
      'all entries counted',
    );
    const quotaId = ids[(await counts()).indexOf(5000)]!;
    // Slack answered the post; the replica records its ts right after.
    await until(async () => (await store.get(quotaId))?.messageTs !== undefined, 10_000, 'the post recorded');
    const quota = (await store.get(quotaId))!;
    // What the channel shows is the last write Slack applied to the message: its post or an update.
    const writes = () =>
      slack.calls.filter(
        (c) =>
          (c.method === 'chat.postMessage' && c.body.channel === ALERTS && alertIdOf(c) === quotaId) ||
          (c.method === 'chat.update' && c.body.ts === quota.messageTs),
      );
    const shown = () => String(writes().at(-1)?.body.text ?? '');
    await until(
      () => shown().includes('5000 errors'),
      90_000,
      'the alert message showing 5000 errors',
      async () => {
        const keys = await redis.keys(`${prefix}:outbox-state:*${quotaId}*`);
        const outbox = new Queue('outbox', { connection: redis, prefix });
        const jobs = await outbox.getJobs(['active', 'waiting', 'delayed', 'failed', 'prioritized']);
        await outbox.close();
        return {
          alert: { version: (await store.get(quotaId))?.version, count: (await store.get(quotaId))?.count },
          outboxState: Object.fromEntries(
            await Promise.all(keys.map(async (k) => [k, [await redis.get(k), await redis.pttl(k)]])),
          ),
          jobs: jobs
            .filter((j) => j?.data?.alertId === quotaId)
            .map((j) => ({ id: j.id, name: j.name, data: j.data, attempts: j.attemptsMade, failed: j.failedReason })),
          lastWrites: writes()
            .slice(-3)
            .map((c) => ({ method: c.method, at: c.at, text: String(c.body.text).slice(0, 60) })),
          now: Date.now(),
        };
      },
    );
    redis.disconnect();

    await new Promise((r) => setTimeout(r, 1000)); // late duplicates would post now, if they could
    expect(posts()).toHaveLength(3);
    expect(new Set(posts().map((c) => c.body.channel))).toEqual(new Set([ALERTS]));
    const updates = slack.callsOf('chat.update').filter((c) => c.body.channel === ALERTS);
    expect(updates.length).toBeLessThan(100);
    expect(slack.rejected.filter((c) => c.method === 'chat.postMessage').length).toBe(2);
    expect(slack.rejected.filter((c) => c.method === 'chat.update').length).toBe(3);
    await pubsub.close();
  });
});
