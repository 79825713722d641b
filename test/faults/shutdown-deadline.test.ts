/**
 * Stopping has one deadline (IMAGESTREAM_SHUTDOWN_TIMEOUT_MS): a bot whose Redis stopped answering
 * still exits when told to, with exit code 1 and a log line naming what did not close, instead of
 * waiting for ever; and a signal while the bot is still starting aborts the start and exits 0.
 * The bot runs as a real process (the built dist/, `npm run build` first).
 */
import { startGkeFake, GkeFake } from '../fakes/gke-api';
import { FakeSlack, startFakeSlack } from '../fakes/slack-api';
import { FAKE_APP_TOKEN } from '../fakes/slack-socket-mode';
import { botEnv } from '../support/bot-harness';
import { BotProcess, spawnBot } from '../support/bot-process';
import { startAofRedis } from '../support/redis-aof';
import { SilentServer, startSilentServer } from '../support/silent-server';
import { until } from '../support/until';

// Short, so the test does not wait out production's deadline.
const DEADLINE_MS = 1500;

let slack: FakeSlack;
let gke: GkeFake;
let silent: SilentServer;
const bots: BotProcess[] = [];

beforeAll(async () => {
  slack = await startFakeSlack();
  gke = await startGkeFake();
  silent = await startSilentServer();
});
afterAll(async () => {
  await Promise.all(bots.map((b) => b.stop('SIGKILL')));
  await silent?.close();
  await slack?.close();
  await gke?.close();
});

it('exits 1 within the deadline, naming what did not close, when Redis accepts connections but never answers', async () => {
  const bot = await spawnBot(
    botEnv(slack, gke, {
      REDIS_URL: `redis://127.0.0.1:${silent.port}`,
      IMAGESTREAM_SHUTDOWN_TIMEOUT_MS: String(DEADLINE_MS),
    }),
  );
  bots.push(bot);
  const signalledAt = Date.now();
  bot.child.kill('SIGTERM');
  let code: number | string | undefined;
  void bot.exited.then((c) => (code = c));
  // Generous against a loaded machine; the bot's own deadline is what is tested.
  await until(
    () => code !== undefined,
    DEADLINE_MS + 10_000,
    'the bot to exit after SIGTERM',
    async () => bot.logs.slice(-5),
  );
  expect(code).toBe(1);
  const line = bot.logs.find((l) => l.message === 'shutdown timed out');
  expect(line).toMatchObject({ severity: 'ERROR', timeoutMs: DEADLINE_MS });
  // The step it was waiting on and those after it, down to the Redis connections closed last.
  expect(line?.unclosed).toContain('redis (producer)');
  expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(DEADLINE_MS);
}, 60_000);

it('exits 1 within the deadline when Redis stops answering while the bot runs', async () => {
  const redis = await startAofRedis();
  try {
    const bot = await spawnBot(
      botEnv(slack, gke, { REDIS_URL: redis.url, IMAGESTREAM_SHUTDOWN_TIMEOUT_MS: String(DEADLINE_MS) }),
    );
    bots.push(bot);
    redis.pause();
    bot.child.kill('SIGTERM');
    let code: number | string | undefined;
    void bot.exited.then((c) => (code = c));
    await until(
      () => code !== undefined,
      DEADLINE_MS + 10_000,
      'the bot to exit after SIGTERM',
      async () => bot.logs.slice(-5),
    );
    expect(code).toBe(1);
    expect(bot.logs.find((l) => l.message === 'shutdown timed out')?.unclosed).toContain('redis (producer)');
  } finally {
    await redis.close();
  }
}, 60_000);

it('exits 0 when SIGTERM arrives while Socket Mode is still connecting', async () => {
  // apps.connections.open answers a socket URL whose server never completes the handshake: the
  // start is stuck there until the signal.
  slack.state.socketMode = { appToken: FAKE_APP_TOKEN, url: `ws://127.0.0.1:${silent.port}/link/` };
  const opened = slack.callsOf('apps.connections.open').length;
  const bot = await spawnBot(
    botEnv(slack, gke, {
      SLACK_APP_TOKEN: FAKE_APP_TOKEN,
      SLACK_SIGNING_SECRET: '',
      IMAGESTREAM_ROLE: 'web',
      IMAGESTREAM_SHUTDOWN_TIMEOUT_MS: String(DEADLINE_MS),
    }),
    (l) => l.message === 'ops endpoints listening on /healthz, /readyz and /metrics',
  );
  bots.push(bot);
  await until(() => slack.callsOf('apps.connections.open').length > opened, 15_000, 'the bot to open its socket');
  bot.child.kill('SIGTERM');
  expect(await bot.exited).toBe(0);
  expect(bot.logs.some((l) => l.message === 'start aborted')).toBe(true);
  expect(bot.logs.some((l) => l.message === 'imagestream-bot started')).toBe(false);
}, 60_000);
