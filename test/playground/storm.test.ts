/**
 * POST /playground/storm over a socket, into the real bot's alert store and outbox on real Redis:
 * a few hundred gcfsd entries become one alert per problem, each posted once and updated in place.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { AlertStore } from '../../src/alerts/alert-store';
import type { PlatformPlugin } from '../../src/app/platform-plugin';
import { startBot, type RunningBot } from '../../src/app/start-bot';
import type { ConversationRef, MessageRef } from '../../src/chat/conversation-ref';
import type { MessageDocument } from '../../src/chat/message-document';
import { documentToText } from '../../src/chat/document-to-text';
import { loadBotConfig } from '../../src/config';
import { createLogger } from '../../src/logging/logger';
import { playgroundBotEnv } from '../../playground/bot-env';
import { createSimPlugin } from '../../playground/sim/sim-plugin';
import { startSimulatedCloud, type SimulatedCloud } from '../../playground/sim/start-sim';
import { STORM_PROBLEMS } from '../../playground/sim/storm';
import { deleteKeys } from '../support/bot-harness';
import { TEST_REDIS_URL } from '../support/redis-url';
import { until } from '../support/until';

/** A chat platform that keeps what the outbox sends it (the web chat's place in the playground). */
function recordingPlatform() {
  const posts: Array<{ to: ConversationRef; text: string; ref: MessageRef }> = [];
  const updates: Array<{ ref: MessageRef; text: string }> = [];
  const plugin: PlatformPlugin = {
    platform: 'testchat',
    alertRoutes: () => [{ platform: 'testchat', space: 'alerts' }],
    messageIdFits: (ref) => /^m\d+$/.test(ref.message),
    outboxSender: {
      platform: 'testchat',
      perSpaceIntervalMs: 1,
      async post(to: ConversationRef, message: MessageDocument) {
        const ref = { platform: 'testchat', space: to.space, message: `m${posts.length + 1}` };
        posts.push({ to, text: documentToText(message), ref });
        return ref;
      },
      async update(ref: MessageRef, message: MessageDocument) {
        updates.push({ ref, text: documentToText(message) });
      },
      async replyInThread() {},
      classify: (err: unknown) => ({ kind: 'permanent', message: String(err) }),
    },
  };
  return { plugin, posts, updates };
}

let cloud: SimulatedCloud;
let bot: RunningBot;
let redis: Redis;
let store: AlertStore;
let stopSim: () => Promise<void>;
const chat = recordingPlatform();
const prefix = `pg-${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  cloud = await startSimulatedCloud({ operationMs: 200 });
  const sim = createSimPlugin(cloud, { storm: { batch: 25, tickMs: 10 } });
  stopSim = sim.stop;
  const env = playgroundBotEnv({
    cloud: cloud.env,
    redisUrl: TEST_REDIS_URL,
    redisPrefix: prefix,
    port: 0,
    logLevel: 'silent',
  });
  const config = loadBotConfig(env, { pluggedPlatform: true });
  bot = await startBot(config, createLogger({ level: 'silent' }), {
    plugins: [chat.plugin, sim.plugin],
    pubsubEndpoint: 'http://127.0.0.1:9/',
  });
  redis = new Redis(TEST_REDIS_URL);
  store = new AlertStore(redis, { keyPrefix: `${prefix}:alerts:`, destinationFor: chat.plugin.alertRoutes! });
});

afterAll(async () => {
  await stopSim?.();
  await bot?.stop();
  redis?.disconnect();
  await deleteKeys(prefix);
  await cloud?.close();
});

const url = (path: string) => `http://127.0.0.1:${bot.port}${path}`;

describe('GET /playground/sim', () => {
  it('says the cloud is simulated and lists its three clusters', async () => {
    const res = await fetch(url('/playground/sim'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { simulated: boolean; project: string; clusters: Array<{ name: string }> };
    expect(body).toMatchObject({ simulated: true, project: 'acme-prod' });
    expect(body.clusters.map((c) => c.name)).toEqual(['shop', 'web', 'batch']);
  });
});

describe('POST /playground/storm', () => {
  it('records one alert per problem, posts each once and updates it in place with the full count', async () => {
    const res = await fetch(url('/playground/storm'), { method: 'POST' });
    expect(res.status).toBe(202);
    const started = (await res.json()) as { entries: number; problems: number };
    const total = STORM_PROBLEMS.reduce((sum, p) => sum + p.entries, 0);
    expect(started).toEqual({ entries: total, problems: STORM_PROBLEMS.length });

    await until(
      async () => (await store.listOpen()).reduce((sum, a) => sum + a.count, 0) === total,
      20_000,
      'every storm entry counted',
      () => store.listOpen(),
    );
    const open = await store.listOpen();
    const problems = (list: Array<{ cluster: string; class: string }>) =>
      list.map((p) => `${p.cluster}/${p.class}`).sort();
    expect(problems(open.map((a) => a.key))).toEqual(problems([...STORM_PROBLEMS]));
    for (const problem of STORM_PROBLEMS) {
      const alert = open.find((a) => a.key.cluster === problem.cluster && a.key.class === problem.class)!;
      expect(alert.count).toBe(problem.entries);
      expect(alert.key.project).toBe('acme-prod');
    }

    // One post per problem; the counts reach the chat through updates of those same messages.
    await until(() => chat.posts.length === STORM_PROBLEMS.length, 10_000, 'one post per problem');
    const posted = new Set(chat.posts.map((p) => p.ref.message));
    await until(
      () => chat.updates.some((u) => posted.has(u.ref.message) && u.text.includes(String(STORM_PROBLEMS[0]!.entries))),
      15_000,
      'an alert updated in place with its full count',
      async () => chat.updates.map((u) => u.text.slice(0, 200)),
    );
    expect(chat.updates.every((u) => posted.has(u.ref.message))).toBe(true);
    expect(chat.posts.length).toBe(STORM_PROBLEMS.length);
  });

  it('refuses a body that is not empty or {}', async () => {
    const res = await fetch(url('/playground/storm'), { method: 'POST', body: '{"entries": 1e9}' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'the body must be empty or {}' });
  });
});
