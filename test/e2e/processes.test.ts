/**
 * The bot as processes: a worker killed in the middle of an enable, SIGTERM, and Redis being down.
 * Uses the built bot (`npm test` builds it first).
 */
import { Redis } from 'ioredis';
import { TEST_REDIS_URL } from '../support/redis-url';
import { startGkeFake, GkeFake } from '../fakes/gke-api';
import { FakeSlack, startFakeSlack } from '../fakes/slack-api';
import { loadGkeCluster } from '../gke/gke-test-setup';
import { APPROVER, CHANNEL, SHOP, botEnv, deleteKeys, messageText, startHarness } from '../support/bot-harness';
import { spawnBot } from '../support/bot-process';

const POOL = `projects/${SHOP.project}/locations/${SHOP.location}/clusters/${SHOP.cluster}/nodePools/default-pool`;

let slack: FakeSlack;
let gke: GkeFake;
// Every Redis prefix these tests gave a bot, checked at the end (other files run beside this one).
const prefixes: string[] = [];
const envOf = (...args: Parameters<typeof botEnv>) => {
  const env = botEnv(...args);
  prefixes.push(env.IMAGESTREAM_REDIS_PREFIX!);
  return env;
};
beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(async () => {
  await slack?.close();
  await gke?.close();
});

describe('a worker killed during an enable', () => {
  it('is resumed by another worker, which waits for the operation instead of updating again', async () => {
    // Operations stay RUNNING until the test ends them, so the kill lands mid-operation.
    gke = await startGkeFake({ pendingPolls: 0, runningPolls: 1_000_000 });
    gke.addCluster(SHOP, loadGkeCluster('standard'));
    const env = envOf(slack, gke, { IMAGESTREAM_JOB_LOCK_MS: '1500' });
    const web = await startHarness({ ...env, IMAGESTREAM_ROLE: 'web' }, { slack, gke });
    const first = await spawnBot({ ...env, IMAGESTREAM_ROLE: 'worker' });
    let second: Awaited<ReturnType<typeof spawnBot>> | undefined;
    try {
      const from = slack.calls.length;
      const posted = slack.waitFor((c) => c.method === 'chat.postMessage' && slack.calls.indexOf(c) >= from, 15_000);
      await web.command('enable shop --pool default-pool');
      const actions = ((await posted).body.blocks as any[]).find((b) => b.type === 'actions');
      const id = actions.elements[0].value as string;

      // The message shows the operation once the job has stored its name: then kill the worker.
      const running = slack.waitFor(
        (c) => c.method === 'chat.update' && /operation-/.test(messageText(c.body)),
        15_000,
      );
      await web.click({
        action_id: 'imagestream_approve',
        value: id,
        user_id: APPROVER,
        channel_id: CHANNEL,
        message_ts: '1.1',
      });
      await running;
      expect(gke.acceptedUpdates(POOL)).toBe(1);
      first.child.kill('SIGKILL');
      await first.exited;

      // GKE finishes the operation while no worker is alive; a new worker takes the stalled job over.
      const op = gke.operations().find((o) => String(o.targetLink).endsWith('/nodePools/default-pool'))!;
      gke.finishOperation(op.name);
      const done = slack.waitFor((c) => c.method === 'chat.update' && / done$/.test(String(c.body.text)), 30_000);
      second = await spawnBot({ ...env, IMAGESTREAM_ROLE: 'worker' });
      expect(messageText((await done).body)).toMatch(/enabled/);
      expect(gke.acceptedUpdates(POOL)).toBe(1);
      expect(gke.pool(SHOP, 'default-pool').config.gcfsConfig).toEqual({ enabled: true });
    } finally {
      first.child.kill('SIGKILL');
      second?.child.kill('SIGTERM');
      await second?.exited;
      await web.stop();
    }
  }, 60_000);
});

describe('SIGTERM', () => {
  it('stops the HTTP server, the workers and Redis connections, and exits 0', async () => {
    gke ??= await startGkeFake();
    const env = envOf(slack, gke);
    const bot = await spawnBot(env);
    try {
      const started = bot.logs.find((l) => typeof l.port === 'number');
      const port = started?.port as number;
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    } finally {
      bot.child.kill('SIGKILL');
      await deleteKeys(env.IMAGESTREAM_REDIS_PREFIX!);
    }
  }, 30_000);
});

describe('Redis down', () => {
  it('tells the user at once that nothing was queued; /readyz says 503, /healthz stays 200', async () => {
    gke ??= await startGkeFake();
    const h = await startHarness({ REDIS_URL: 'redis://127.0.0.1:1', IMAGESTREAM_ROLE: 'web' }, { slack, gke });
    try {
      const started = Date.now();
      const r = await h.command('status shop');
      expect(Date.now() - started).toBeLessThan(3000); // Slack's own limit, not a speed target
      expect(r.status).toBe(200);
      expect(messageText(r.body)).toMatch(/nothing was queued/);
      // Liveness is the process only: restarting replicas would not bring Redis back.
      expect((await fetch(`http://127.0.0.1:${h.bot.port}/healthz`)).status).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${h.bot.port}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.text()).toMatch(/^not ready: redis/);
    } finally {
      await h.stop();
    }
  }, 30_000);
});

afterAll(async () => {
  // Nothing of these tests may stay in the shared Redis.
  const redis = new Redis(TEST_REDIS_URL);
  try {
    const active = await Promise.all(prefixes.map((p) => redis.keys(`${p}:jobs:*active*`)));
    expect(active.flat()).toEqual([]);
  } finally {
    redis.disconnect();
  }
});
