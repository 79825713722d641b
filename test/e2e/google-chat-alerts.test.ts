/**
 * Alerts to Google Chat end to end: gcfsd entries published to Google's own Pub/Sub server
 * (pstest) as a log sink does, the bot subscribed to it, the alert outbox writing to the Chat API
 * fake (which enforces Chat's 60 writes per minute per space) and, for a route naming both, to the
 * Slack fake; the buttons of an alert card clicked from Chat as signed CARD_CLICKED events.
 */
import { PubSub, Topic } from '@google-cloud/pubsub';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { AlertStore } from '../../src/alerts/alert-store';
import { configuredAlertRoutes } from '../../src/alerts/alert-routes';
import type { AlertState } from '../../src/alerts/problem';
import { type SinkFixture, sinkEntry } from '../alerts/sink-entries';
import type { FakeChatMessage } from '../fakes/google-chat-api';
import type { SlackCall } from '../fakes/slack-api';
import { type Harness, SHOP, messageText, startHarness } from '../support/bot-harness';
import { type EventUser, cardClicked, visibleText } from '../support/google-chat-events';
import { CHAT_APPROVER, CHAT_SPACE, type ChatRig, startChatRig } from '../support/google-chat-rig';
import { type Pstest, startPstest } from '../support/pstest';
import { TEST_REDIS_URL } from '../support/redis-url';
import { until } from '../support/until';

jest.setTimeout(120_000);

/** The storm's space (ALERT_CHANNEL), a space of its own for the 429 test, and the route to Slack and Chat. */
const OPS = CHAT_SPACE;
const RETRY = 'spaces/BBBBretry';
const BOTH = 'spaces/CCCCboth';
const SLACK_ALERTS = 'C0123ABC';
const STORM_CLUSTER = 'storm-cluster';
const RETRY_CLUSTER = 'retry-cluster';
/** Short enough that "still happening" replies come within the test, long enough for a wave to land inside one. */
const WINDOW_MINUTES = 0.08;
/** Someone in the space who is not an approver. */
const EVE: EventUser = { name: 'users/333', email: 'eve@example.com' };

let pstest: Pstest;
let pubsub: PubSub;
let topic: Topic;
let rig: ChatRig;
let h: Harness;
let redis: Redis;
let store: AlertStore;
let outbox: Queue;

beforeAll(async () => {
  pstest = await startPstest();
  process.env.PUBSUB_EMULATOR_HOST = pstest.host;
  pubsub = new PubSub({ projectId: 'test-project' });
  [topic] = await pubsub.createTopic('gchat-alerts');
  await topic.createSubscription('gchat-alerts-bot', { ackDeadlineSeconds: 30 });
  // Chat's own limit: a write beyond 60 a minute to one space is answered 429, as Chat does.
  rig = await startChatRig({ writeQuotaPerMinute: 60 });
  rig.chat.addSpace(RETRY);
  rig.chat.addSpace(BOTH);
  const channelMap = `${RETRY_CLUSTER}=${RETRY},${SHOP.cluster}=${SLACK_ALERTS}+${BOTH}`;
  h = await startHarness(
    {
      ...rig.env,
      PUBSUB_SUBSCRIPTION: 'gchat-alerts-bot',
      ALERT_CHANNEL: OPS,
      IMAGESTREAM_ALERT_CHANNELS: channelMap,
      IMAGESTREAM_ALERT_WINDOW_MINUTES: String(WINDOW_MINUTES),
      IMAGESTREAM_ALERT_UPDATE_SECONDS: '0.2',
      IMAGESTREAM_MUTE_BY: 'approvers',
      GOOGLE_CLOUD_PROJECT: 'test-project',
    },
    { outboxRetry: { baseMs: 50, maxMs: 400 } },
  );
  const prefix = h.config.IMAGESTREAM_REDIS_PREFIX;
  redis = new Redis(TEST_REDIS_URL);
  store = new AlertStore(redis, {
    keyPrefix: `${prefix}:alerts:`,
    destinationFor: configuredAlertRoutes(channelMap, OPS),
  });
  outbox = new Queue('outbox', { connection: redis, prefix });
}, 180_000);

afterAll(async () => {
  await outbox?.close();
  redis?.disconnect();
  await h?.stop();
  await rig?.close();
  await pubsub?.close();
  delete process.env.PUBSUB_EMULATOR_HOST;
  await pstest?.stop();
});

/** Publishes entries of `fixture` with the given insertIds, as a log sink does. */
async function publish(fixture: SinkFixture, insertIds: string[], cluster: string): Promise<void> {
  await Promise.all(
    insertIds.map((insertId, i) => {
      const entry = sinkEntry(fixture, {
        insertId,
        cluster,
        project: cluster === SHOP.cluster ? SHOP.project : 'test-project',
        node: `gke-${cluster}-default-pool-5f1c2a3b-${String(i % 5).padStart(4, '0')}`,
      });
      if (cluster === SHOP.cluster) entry.resource.labels.location = `${SHOP.location}-b`;
      return topic.publishMessage({ data: Buffer.from(JSON.stringify(entry)) });
    }),
  );
}

const ids = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`);

/** The alert messages of a space: its top-level messages (replies are in their threads). */
const alertsIn = (space: string) => rig.chat.messagesIn(space).filter((m) => !m.threadReply);
const repliesTo = (m: FakeChatMessage) => rig.chat.threadMessages(m.thread.name).filter((r) => r.threadReply);

/** The value of a card button (`onClick.action.function` = fn): the alert id. */
function buttonValue(message: { cardsV2?: unknown[] }, fn: string): string {
  const found: string[] = [];
  JSON.stringify(message.cardsV2, (key, value: unknown) => {
    const action = value as { function?: string; parameters?: Array<{ key: string; value: string }> };
    if (key === 'action' && action?.function === fn) {
      const v = action.parameters?.find((p) => p.key === 'value')?.value;
      if (v !== undefined) found.push(v);
    }
    return value;
  });
  if (found.length !== 1) throw new Error(`expected one ${fn} button, found ${found.length}`);
  return found[0]!;
}
const alertIdOf = (message: FakeChatMessage) => buttonValue(message, 'imagestream_mute_1h');

const alert = async (id: string): Promise<AlertState> => {
  const state = await store.get(id);
  if (!state) throw new Error(`no alert ${id}`);
  return state;
};

/** Nothing left for the outbox to do: every message it will ever write is written. */
async function outboxIdle(): Promise<boolean> {
  const counts = await outbox.getJobCounts('active', 'waiting', 'delayed', 'prioritized', 'waiting-children');
  return Object.values(counts).every((n) => n === 0);
}

/** The outbox's state, for a timeout's message. */
const explain = async () => ({
  jobs: await outbox.getJobCounts('active', 'waiting', 'delayed', 'failed', 'completed'),
  messages: rig.chat.messages.map((m) => ({ name: m.name, reply: m.threadReply, text: visibleText(m).slice(0, 120) })),
  requests: rig.chat.requests.slice(-10).map((r) => ({ m: r.method, p: r.path, s: r.status })),
});

describe('an alert storm routed to a Google Chat space', () => {
  it('posts one message per problem, updates it in place with the final counts, replies in its thread after the window, within the space limit', async () => {
    // Chat is unwell at first: creates meet 429s, then patches meet 500s.
    rig.chat.failNext(2, { status: 429, retryAfter: 1 }, 'create');

    // Wave 1: three problems, with overlapping sinks delivering some entries twice.
    await publish('quota-exceeded', [...ids('q', 0, 40), ...ids('q', 0, 10)], STORM_CLUSTER);
    await publish('permission-denied', ids('p', 0, 3), STORM_CLUSTER);
    await publish('failed-precondition', [...ids('f', 0, 2), 'f0'], STORM_CLUSTER);
    await until(() => alertsIn(OPS).length >= 3, 30_000, 'three alerts in the space', explain);
    const alertIds = alertsIn(OPS).map(alertIdOf);
    const windowsOver = async () => (await Promise.all(alertIds.map(alert))).every((a) => a.windowEndsAt <= Date.now());
    const counts = async () => (await Promise.all(alertIds.map(alert))).map((a) => a.count).sort((a, b) => a - b);
    await until(async () => (await counts()).join() === '2,3,40', 20_000, 'wave 1 counted', explain);

    // Wave 2, once the first window is over: the same problems go on (counted for a reply later).
    rig.chat.failNext(2, { status: 500 }, 'patch');
    await until(windowsOver, 20_000, 'the first window over');
    await publish('quota-exceeded', [...ids('q', 40, 440), ...ids('q', 0, 100)], STORM_CLUSTER);
    await publish('permission-denied', ids('p', 3, 7), STORM_CLUSTER);
    await publish('failed-precondition', ids('f', 2, 5), STORM_CLUSTER);
    await until(async () => (await counts()).join() === '5,7,440', 30_000, 'wave 2 counted', explain);

    // Wave 3, once the second window is over: its first entry reports the second window in the thread.
    await until(windowsOver, 20_000, 'the second window over');
    await publish('quota-exceeded', ids('q', 440, 450), STORM_CLUSTER);
    await publish('permission-denied', ids('p', 7, 8), STORM_CLUSTER);
    await publish('failed-precondition', ids('f', 5, 6), STORM_CLUSTER);
    await until(async () => (await counts()).join() === '6,8,450', 30_000, 'wave 3 counted', explain);

    const shown = () => alertsIn(OPS).map((m) => visibleText(m));
    await until(
      async () =>
        ['450 errors', '8 errors', '6 errors'].every((c) => shown().some((t) => t.includes(c))) &&
        alertsIn(OPS).every((m) => repliesTo(m).length > 0) &&
        (await outboxIdle()),
      60_000,
      'the final counts shown, a reply in every thread, the outbox idle',
      explain,
    );

    // One message per problem, named by the bot (a retried create cannot post twice), updated in place.
    const messages = alertsIn(OPS);
    expect(messages).toHaveLength(3);
    for (const m of messages) {
      expect(m.clientAssignedMessageId).toMatch(/^client-[0-9a-f]{56}$/);
      expect(rig.chat.writes.some((w) => w.method === 'patch' && w.message === m.name)).toBe(true);
    }
    // One "still happening" reply per thread, counting the second window's entries; nothing else in the space.
    const replyText = messages.map((m) => repliesTo(m).map((r) => visibleText(r)));
    expect(replyText.map((r) => r.length)).toEqual([1, 1, 1]);
    for (const more of [400, 4, 3])
      expect(replyText.flat().some((t) => t.includes(`Still happening: ${more} more`))).toBe(true);
    expect(rig.chat.messagesIn(OPS)).toHaveLength(6);

    // Paced within Chat's limit: the only 429s were the two injected, the injected 500s were retried.
    expect(rig.chat.maxWritesPerMinute(OPS)).toBeLessThanOrEqual(60);
    expect(rig.chat.requests.filter((r) => r.status === 429)).toHaveLength(2);
    expect(rig.chat.requests.filter((r) => r.status === 500)).toHaveLength(2);
  });

  it('waits out a 429 with Retry-After on the create, then posts once', async () => {
    const creates = () => rig.chat.requests.filter((r) => r.method === 'POST' && r.path === `/v1/${RETRY}/messages`);
    rig.chat.failNext(1, { status: 429, retryAfter: 2 }, 'create');
    await publish('quota-exceeded', ['r0'], RETRY_CLUSTER);
    await until(
      async () => alertsIn(RETRY).length === 1 && (await outboxIdle()),
      30_000,
      'the alert posted after the 429',
      explain,
    );
    const [refused, created] = creates();
    expect(creates()).toHaveLength(2);
    expect([refused!.status, created!.status]).toEqual([429, 200]);
    // Retry-After: 2 (seconds) kept the space waiting before the second try.
    expect(created!.at - refused!.at).toBeGreaterThanOrEqual(2000);
    expect(created!.query.messageId).toBe(refused!.query.messageId);
    expect(rig.chat.messagesIn(RETRY)).toHaveLength(1);
  });
});

describe('an alert routed to a Slack channel and a Google Chat space', () => {
  let slackPost: SlackCall;
  let slackTs: string | undefined;
  let chatAlert: FakeChatMessage;

  const slackAlertId = () =>
    (slackPost.body.blocks as any[])
      .find((b) => b.type === 'actions')
      .elements.find((e: any) => e.action_id === 'imagestream_mute_1h').value as string;
  /** What the Slack channel shows of the alert: the last of its post and updates. */
  const slackShown = () => {
    const ts = slackTs;
    const updates = h.slack.callsOf('chat.update').filter((c) => c.body.channel === SLACK_ALERTS && c.body.ts === ts);
    return messageText((updates.at(-1) ?? slackPost).body);
  };
  const chatShown = () => visibleText(rig.chat.message(chatAlert.name));

  it('posts one message per problem in each, with the same counts at the end', async () => {
    const slackPosts = () => h.slack.callsOf('chat.postMessage').filter((c) => c.body.channel === SLACK_ALERTS);
    await publish('permission-denied', ids('s', 0, 20), SHOP.cluster);
    await until(
      () => slackPosts().length === 1 && alertsIn(BOTH).length === 1,
      30_000,
      'the alert in both places',
      explain,
    );
    // The storm goes on after the posts: both messages must be updated.
    await publish('permission-denied', [...ids('s', 20, 90), ...ids('s', 0, 20)], SHOP.cluster);
    [slackPost] = slackPosts();
    [chatAlert] = alertsIn(BOTH);
    // Slack answered the post with its ts; the bot records it right after.
    await until(
      async () => (slackTs = (await alert(slackAlertId())).messageTs) !== undefined,
      10_000,
      'the post recorded',
    );
    await until(
      async () => slackShown().includes('90 errors') && chatShown().includes('90 errors') && (await outboxIdle()),
      30_000,
      'both messages showing 90 errors',
      explain,
    );
    expect(slackPosts()).toHaveLength(1);
    expect(rig.chat.messagesIn(BOTH)).toHaveLength(1);
    expect(rig.chat.writes.some((w) => w.method === 'patch' && w.message === chatAlert.name)).toBe(true);
    // One alert per destination, each counting every entry once.
    expect((await alert(slackAlertId())).count).toBe(90);
    expect((await alert(alertIdOf(chatAlert))).count).toBe(90);
  });

  /** A click on the Chat alert card's button `fn`, in the card's own thread. */
  const click = async (fn: string, who: EventUser) => {
    const event = cardClicked(fn, buttonValue(chatAlert, fn), who, 'common', { message: chatAlert.name });
    event.message.thread = { name: chatAlert.thread.name };
    return rig.send(h.bot.port!, event);
  };

  it('mutes the problem from a Chat click by an approver, and both messages say muted', async () => {
    const refused = await click('imagestream_mute_1h', EVE);
    expect(refused.status).toBe(200);
    expect(visibleText(refused.body as never)).toMatch(/approver/i);
    expect((await alert(alertIdOf(chatAlert))).mutedUntil).toBeUndefined();

    const muted = await click('imagestream_mute_1h', CHAT_APPROVER);
    expect(muted.status).toBe(200);
    expect(visibleText(muted.body as never)).toMatch(/Muted permission.denied on shop for 1 h/);
    await until(
      () => slackShown().includes('Muted until') && chatShown().includes('Muted until'),
      30_000,
      'both messages saying muted',
      explain,
    );
    expect((await alert(alertIdOf(chatAlert))).mutedUntil).toBeGreaterThan(Date.now());
  });

  it('answers "Show gcloud command" from Chat with a fix job in the alert thread', async () => {
    const answered = await click('imagestream_fix_show_gcloud', CHAT_APPROVER);
    expect(answered.status).toBe(200);
    await until(() => repliesTo(chatAlert).length > 0, 30_000, 'the fix answer in the thread', explain);
    const [answer] = repliesTo(chatAlert);
    expect(visibleText(answer)).toContain('gcloud container node-pools create default-pool-ro');
    expect(visibleText(answer)).toContain('devstorage.read_only');
  });
});
