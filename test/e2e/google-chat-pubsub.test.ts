/**
 * Google Chat over Pub/Sub end to end (GOOGLE_CHAT_SUBSCRIPTION): events published to Google's own
 * Pub/Sub server (pstest) as Chat publishes them (the event JSON as the message data), the real bot
 * pulling them, every answer posted through the Chat API fake (a Pub/Sub app has no synchronous
 * answer), Redis shared by the replicas.
 */
import { PubSub, type Topic, v1 } from '@google-cloud/pubsub';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { startBot, type RunningBot } from '../../src/app/start-bot';
import { loadBotConfig } from '../../src/config';
import { createLogger } from '../../src/logging/logger';
import type { FakeChatMessage } from '../fakes/google-chat-api';
import { SHOP, botEnv, deleteKeys, type Harness, startHarness } from '../support/bot-harness';
import { type EventUser, cardClicked, slashCommand, visibleText } from '../support/google-chat-events';
import { CHAT_APPROVER, CHAT_REQUESTER, CHAT_SPACE, type ChatRig, startChatRig } from '../support/google-chat-rig';
import { type Pstest, startPstest } from '../support/pstest';
import { TEST_REDIS_URL } from '../support/redis-url';
import { until } from '../support/until';

jest.setTimeout(60_000);

/** Long enough for a slow CI machine; no duration is asserted. */
const WAIT_MS = 20_000;
/** The Pub/Sub project of the Chat app's topic (any name: pstest keeps whatever it is given). */
const PROJECT = 'chat-app-project';
const subscriptionName = (id: string) => `projects/${PROJECT}/subscriptions/${id}`;
/** Nacks and stream reopens within a test's patience. */
const TIMING = { nackDelayMs: 200, restartBaseMs: 200 };
const CLUSTER = `projects/${SHOP.project}/locations/${SHOP.location}/clusters/${SHOP.cluster}`;

let pstest: Pstest;
let pubsub: PubSub;
let rig: ChatRig;
let topic: Topic;
let h: Harness;

/** The rig's environment for Pub/Sub mode: no HTTP audience (nothing may come over HTTP), the subscription. */
function pubsubEnv(subscription: string): NodeJS.ProcessEnv {
  const { GOOGLE_CHAT_AUDIENCE: _audience, GOOGLE_CHAT_CERTS_URL: _certs, ...env } = rig.env;
  return { ...env, GOOGLE_CHAT_SUBSCRIPTION: subscriptionName(subscription) };
}

/** Publishes `event` as Chat does; the Pub/Sub message id. */
const publish = (event: object, to: Topic = topic) => to.publishMessage({ data: Buffer.from(JSON.stringify(event)) });

/** The space's messages created from now on (the rig's fake is shared by every test). */
function watchSpace(): () => FakeChatMessage[] {
  const from = rig.chat.messagesIn(CHAT_SPACE).length;
  return () => rig.chat.messagesIn(CHAT_SPACE).slice(from);
}

const readyz = async (port: number) => {
  const res = await fetch(`http://127.0.0.1:${port}/readyz`);
  return { status: res.status, text: await res.text() };
};

beforeAll(async () => {
  pstest = await startPstest();
  // Read by every Pub/Sub client built from here on: the test's and the bots'.
  process.env.PUBSUB_EMULATOR_HOST = pstest.host;
  pubsub = new PubSub({ projectId: PROJECT });
  [topic] = await pubsub.createTopic('chat-events');
  await topic.createSubscription('chat-events-bot', { ackDeadlineSeconds: 10 });
  rig = await startChatRig();
  h = await startHarness(pubsubEnv('chat-events-bot'), { chatSubscriberTiming: TIMING });
}, 180_000);

afterAll(async () => {
  await h?.stop();
  await rig?.close();
  await pubsub?.close();
  delete process.env.PUBSUB_EMULATOR_HOST;
  await pstest?.stop();
});

/** The thread a message was asked into (its create request's `thread.name`). */
function askedThread(message: FakeChatMessage): string | undefined {
  const create = rig.chat.requests.find((r) => r.method === 'POST' && r.query.requestId === message.requestId);
  return (create?.body as { thread?: { name?: string } } | undefined)?.thread?.name;
}

/** A card's action buttons: their label, function and `value` parameter. */
function buttonsOf(message: FakeChatMessage | undefined): Array<{ text: string; fn: string; value: string }> {
  const found: Array<{ text: string; fn: string; value: string }> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const button = node as { text?: string; onClick?: { action?: { function?: string; parameters?: any[] } } };
    const action = button.onClick?.action;
    if (typeof button.text === 'string' && action?.function) {
      const value = action.parameters?.find((p) => p.key === 'value')?.value;
      found.push({ text: button.text, fn: action.function, value: String(value) });
      return;
    }
    Object.values(node).forEach(walk);
  };
  walk(message?.cardsV2);
  return found;
}

/** The status jobs the first bot's replicas have queued (the queue keeps finished ones). */
async function statusJobs(): Promise<number> {
  const connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue('jobs', { connection, prefix: h.config.IMAGESTREAM_REDIS_PREFIX });
  try {
    const jobs = await queue.getJobs(['completed', 'active', 'waiting', 'delayed', 'failed', 'prioritized']);
    return jobs.filter((j) => j?.name === 'status').length;
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

/** A synchronous pull that does not wait: the ids of what the subscription holds undelivered right now. */
async function pullNow(
  subscription: string,
  subscriber = new v1.SubscriberClient({ ...pubsub.options, port: Number(pubsub.options.port) }),
): Promise<string[]> {
  try {
    const [res] = await subscriber.pull({
      subscription: subscriptionName(subscription),
      maxMessages: 10,
      returnImmediately: true,
    });
    const received = res.receivedMessages ?? [];
    // Handed straight back (deadline 0), for the bot to take.
    const ackIds = received.map((m) => m.ackId!);
    if (ackIds.length > 0)
      await subscriber.modifyAckDeadline({
        subscription: subscriptionName(subscription),
        ackIds,
        ackDeadlineSeconds: 0,
      });
    return received.map((m) => m.message!.messageId!);
  } finally {
    await subscriber.close();
  }
}

/** True once nothing waits undelivered in the subscription: its bot has the message (in hand or acked). */
const replicaTookIt = async (subscription: string) => (await pullNow(subscription)).length === 0;

/** The first of `messages` whose visible text matches. */
const findText = (messages: FakeChatMessage[], text: RegExp) => messages.find((m) => text.test(visibleText(m)));

/** Waits until every pattern matches one of the messages `posted()` returns; those messages, in the patterns' order. */
async function waitForTexts(posted: () => FakeChatMessage[], ...texts: RegExp[]): Promise<FakeChatMessage[]> {
  await until(
    () => texts.every((t) => findText(posted(), t)),
    WAIT_MS,
    `messages matching ${texts.join(', ')}`,
    async () => posted().map((m) => visibleText(m).slice(0, 200)),
  );
  return texts.map((t) => findText(posted(), t)!);
}

describe('Google Chat over Pub/Sub (a bot serving Slack too)', () => {
  it('/readyz says ready once the Chat event subscriber pulls', async () => {
    await until(async () => (await readyz(h.bot.port!)).status === 200, WAIT_MS, '/readyz 200');
  });

  it('answers `status shop` through the Chat API: the ack, privately, then the job answer, in the command thread', async () => {
    const posted = watchSpace();
    const id = await publish(slashCommand('status shop'));
    const [ack, answer] = await waitForTexts(
      posted,
      /Reading image streaming settings of shop/,
      /Image streaming on shop/,
    );
    expect(posted()).toHaveLength(2);
    // The ack is what an HTTP app would have answered: private to the asker, created once per Pub/Sub message.
    expect(ack!.privateMessageViewer).toEqual({ name: CHAT_REQUESTER.name });
    expect(ack!.requestId).toBe(`pubsub-${id}`);
    expect(answer!.privateMessageViewer).toBeUndefined();
    const thread = `${CHAT_SPACE}/threads/TTT1`;
    expect([askedThread(ack!), askedThread(answer!)]).toEqual([thread, thread]);
  });

  it('enable -> self-approval refused -> two approve clicks at once -> one GKE update -> card done -> verify says enabled', async () => {
    const posted = watchSpace();
    await publish(slashCommand('enable shop', CHAT_REQUESTER));
    const [, request] = await waitForTexts(posted, /approval request follows/, /Enable image streaming/);
    const approve = buttonsOf(request).find((b) => /approve/i.test(b.text));
    expect(approve).toBeDefined();
    const click = (who: EventUser) =>
      cardClicked(approve!.fn, approve!.value, who, 'common', { message: request!.name });
    const updatesBefore = h.gke.updateCalls(CLUSTER);

    // The requester is an approver too, but not of their own request: refused, to them alone.
    await publish(click(CHAT_REQUESTER));
    const [refusal] = await waitForTexts(posted, /You asked for this change/);
    expect(refusal!.privateMessageViewer).toEqual({ name: CHAT_REQUESTER.name });

    // The approver clicks twice at once: two events, two Pub/Sub messages, one change.
    await Promise.all([publish(click(CHAT_APPROVER)), publish(click(CHAT_APPROVER))]);
    const shown = () => visibleText(rig.chat.message(request!.name));
    await until(
      () => /: done/i.test(shown()),
      WAIT_MS,
      'the request card patched to done',
      async () => shown(),
    );
    expect(h.gke.updateCalls(CLUSTER) - updatesBefore).toBe(1);

    const verified = watchSpace();
    await publish(slashCommand('verify shop'));
    const [verify] = await waitForTexts(verified, /gcfsConfig of shop/);
    expect(visibleText(verify)).toContain('enabled');
  });

  it('handles a message delivered twice once: one ack, one job (the second delivery acked as a duplicate)', async () => {
    // Pub/Sub delivers at least once: a redelivery of one subscription, made certain here with a
    // second subscription on the topic (every message again, same message id), pulled by a replica
    // sharing the bot's Redis.
    await topic.createSubscription('chat-events-replica', { ackDeadlineSeconds: 10 });
    const statusJobsBefore = await statusJobs();
    const posted = watchSpace();
    const id = await publish(slashCommand('status shop'));
    await waitForTexts(posted, /Reading image streaming settings of shop/, /Image streaming on shop/);

    // Started once the first bot is done with the message: its delivery must find it handled.
    const replica = await startHarness(
      {
        ...pubsubEnv('chat-events-replica'),
        IMAGESTREAM_REDIS_PREFIX: h.config.IMAGESTREAM_REDIS_PREFIX,
        IMAGESTREAM_ROLE: 'web',
      },
      { slack: h.slack, gke: h.gke, chatSubscriberTiming: TIMING },
    );
    try {
      await until(() => replicaTookIt('chat-events-replica'), WAIT_MS, 'the second delivery taken by the replica');
    } finally {
      // Not replica.stop(): that would delete the Redis keys it shares with the first bot.
      await replica.bot.stop();
    }
    // Settled, not nacked: acked as a duplicate of what the first bot handled.
    expect(await pullNow('chat-events-replica')).toEqual([]);
    const acks = rig.chat.requests.filter((r) => r.method === 'POST' && r.query.requestId === `pubsub-${id}`);
    expect(acks).toHaveLength(1);
    expect(posted()).toHaveLength(2);
    expect((await statusJobs()) - statusJobsBefore).toBe(1);
  });
});

describe('a Chat-only bot (no Slack configured at all)', () => {
  let bot: RunningBot | undefined;
  let prefix: string | undefined;
  afterEach(async () => {
    await bot?.stop();
    if (prefix) await deleteKeys(prefix);
  });

  it('starts without Slack, says not ready while its subscription does not exist, then serves Chat once it does', async () => {
    const [events] = await pubsub.createTopic('chat-only-events');
    const env = botEnv(h.slack, h.gke, pubsubEnv('chat-only-bot'));
    for (const key of Object.keys(env)) if (key.startsWith('SLACK_')) delete env[key];
    delete env.IMAGESTREAM_APPROVERS;
    const config = loadBotConfig(env);
    prefix = config.IMAGESTREAM_REDIS_PREFIX;
    expect(config.SLACK_BOT_TOKEN).toBeUndefined();
    bot = await startBot(config, createLogger({ level: 'silent' }), {
      applyOptions: { maxDelayMs: 100 },
      pubsubEndpoint: 'http://127.0.0.1:9/',
      chatSubscriberTiming: TIMING,
    });
    const port = bot.port!;

    // Between reopen attempts (each fails NOT_FOUND), the probe names what is missing.
    let probe = { status: 0, text: '' };
    await until(async () => (probe = await readyz(port)).status === 503, WAIT_MS, '/readyz 503');
    expect(probe.text).toContain('the Google Chat event subscriber is not running');

    // Created late (as an operator would fix it): the stream reopens on its own, and the
    // subscription keeps what is published from now on until then.
    await events.createSubscription('chat-only-bot', { ackDeadlineSeconds: 10 });
    const posted = watchSpace();
    await publish(slashCommand('status shop'), events);
    await waitForTexts(posted, /Reading image streaming settings of shop/, /Image streaming on shop/);
    expect((await readyz(port)).status).toBe(200);
  });
});

describe('/readyz of a bot serving Slack too (on the Slack server)', () => {
  it('says 503 naming the Chat event subscriber while its subscription does not exist, 200 once it does and events flow', async () => {
    const [events] = await pubsub.createTopic('late-events');
    const late = await startHarness(pubsubEnv('late-bot'), {
      slack: h.slack,
      gke: h.gke,
      chatSubscriberTiming: TIMING,
    });
    try {
      const port = late.bot.port!;
      let probe = { status: 0, text: '' };
      await until(async () => (probe = await readyz(port)).status === 503, WAIT_MS, '/readyz 503');
      expect(probe.text).toContain('the Google Chat event subscriber is not running');
      await events.createSubscription('late-bot', { ackDeadlineSeconds: 10 });
      // Pulling again on its own: a command is answered, and the probe says so.
      const posted = watchSpace();
      await publish(slashCommand('status shop'), events);
      await waitForTexts(posted, /Image streaming on shop/);
      expect((await readyz(port)).status).toBe(200);
    } finally {
      await late.stop();
    }
  });
});
