/**
 * The alert pipeline end to end: a storm published to Google's own Pub/Sub server (pstest), two bot
 * replicas subscribed to it, Redis shared, Slack (the fake) answering 429 and 500 for a while.
 */
import { PubSub } from '@google-cloud/pubsub';
import { Redis } from 'ioredis';
import { AlertStore } from '../../src/alerts/alert-store';
import { channelFor } from '../../src/alerts/channel-map';
import { sinkEntry } from '../alerts/sink-entries';
import { FakeSlack, startFakeSlack } from '../fakes/slack-api';
import { GkeFake, startGkeFake } from '../fakes/gke-api';
import { Harness, startHarness } from '../support/bot-harness';
import { Pstest, startPstest } from '../support/pstest';

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

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

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

    const messages: Buffer[] = [];
    const node = (i: number) => `gke-prod-east-pool-1-abcd-${String(i % 7).padStart(4, '0')}`;
    for (let i = 0; i < 5000; i++) {
      messages.push(Buffer.from(JSON.stringify(sinkEntry('quota-exceeded', { insertId: `q${i}`, node: node(i) }))));
      if (i % 1000 === 500) messages.push(Buffer.from('not json at all'), Buffer.from('{"just":"an object"}'));
    }
    for (let i = 0; i < 5; i++)
      messages.push(Buffer.from(JSON.stringify(sinkEntry('permission-denied', { insertId: `p${i}` }))));
    for (let i = 0; i < 2; i++)
      messages.push(Buffer.from(JSON.stringify(sinkEntry('failed-precondition', { insertId: `f${i}` }))));
    // Overlapping sinks: a few hundred entries arrive twice.
    for (let i = 0; i < 300; i++)
      messages.push(Buffer.from(JSON.stringify(sinkEntry('quota-exceeded', { insertId: `q${i}`, node: node(i) }))));
    await Promise.all(messages.map((data) => topic.publishMessage({ data })));

    const posts = () => slack.callsOf('chat.postMessage').filter((c) => c.body.channel === ALERTS);
    await until(() => posts().length >= 3, 60_000, 'three alerts');

    // Every entry counted once: read the store the replicas share.
    const redis = new Redis('redis://127.0.0.1:6379');
    const store = new AlertStore(redis, { keyPrefix: `${prefix}:alerts:`, channelFor: channelFor({}, ALERTS) });
    const ids = posts().map((c) => {
      const actions = (c.body.blocks as any[]).find((b) => b.type === 'actions');
      return actions.elements.find((e: any) => typeof e.value === 'string').value as string;
    });
    const counts = async () => Promise.all(ids.map(async (id) => (await store.get(id))?.count ?? -1));
    await until(
      async () => (await counts()).sort((a, b) => a - b).join() === '2,5,5000',
      60_000,
      'all entries counted',
    );
    const quotaId = ids[(await counts()).indexOf(5000)]!;
    const quota = (await store.get(quotaId))!;
    await until(
      () =>
        slack
          .callsOf('chat.update')
          .some((c) => c.body.ts === quota.messageTs && JSON.stringify(c.body).includes('5000')),
      90_000,
      'the alert message showing 5000',
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
