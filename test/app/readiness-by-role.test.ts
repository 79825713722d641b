/**
 * The probes of a running bot per role: HTTP mode serves them as Bolt routes next to
 * /slack/events; the worker role (here with the alert subscriber on Google's pstest) serves them
 * on PORT with nothing else; readiness follows the subscriber's stream.
 */
import { PubSub } from '@google-cloud/pubsub';
import { TEST_REDIS_URL } from '../support/redis-url';
import { AlertStore } from '../../src/alerts/alert-store';
import { AlertSubscriber } from '../../src/alerts/alert-subscriber';
import { opsRoutes } from '../../src/app/ops-routes';
import { startOpsServer } from '../../src/app/ops-server';
import { createLogger } from '../../src/logging/logger';
import { closeRedis, createRedis } from '../../src/queue/redis-connection';
import { Harness, SHOP, startHarness } from '../support/bot-harness';
import { Pstest, startPstest } from '../support/pstest';

jest.setTimeout(60_000);

let pstest: Pstest;
beforeAll(async () => {
  pstest = await startPstest();
  process.env.PUBSUB_EMULATOR_HOST = pstest.host;
}, 180_000);
afterAll(async () => {
  delete process.env.PUBSUB_EMULATOR_HOST;
  await pstest?.stop();
});

const get = async (port: number | undefined, path: string): Promise<[number, string]> => {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return [res.status, await res.text()];
};

/** Creates topic NAME and subscription NAME-sub in the project (the bot's is GOOGLE_CLOUD_PROJECT). */
async function subscription(name: string, projectId = 'test-project'): Promise<void> {
  const pubsub = new PubSub({ projectId, apiEndpoint: pstest.host, emulatorMode: true });
  const [topic] = await pubsub.createTopic(name);
  await topic.createSubscription(`${name}-sub`, { ackDeadlineSeconds: 10 });
  await pubsub.close();
}

describe('HTTP mode (role all)', () => {
  it('serves /healthz and /readyz on the Slack port', async () => {
    const h = await startHarness();
    try {
      expect(await get(h.bot.port, '/healthz')).toEqual([200, 'ok\n']);
      expect(await get(h.bot.port, '/readyz')).toEqual([200, 'ready\n']);
    } finally {
      await h.stop();
    }
  });
});

describe('worker role with the alert subscriber', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.stop();
  });

  it('serves the probes on PORT and no Slack endpoint; ready once Redis and the subscriber run', async () => {
    await subscription('readiness-worker', SHOP.project);
    h = await startHarness({
      IMAGESTREAM_ROLE: 'worker',
      PUBSUB_SUBSCRIPTION: 'readiness-worker-sub',
      ALERT_CHANNEL: 'C0ALERTS1',
    });
    expect(h.bot.port).toEqual(expect.any(Number));
    expect(await get(h.bot.port, '/healthz')).toEqual([200, 'ok\n']);
    expect(await get(h.bot.port, '/readyz')).toEqual([200, 'ready\n']);
    const events = await fetch(`http://127.0.0.1:${h.bot.port}/slack/events`, { method: 'POST', body: 'x=1' });
    expect(events.status).toBe(404);
  });

  it('is not ready while its subscription does not exist (the client gives up on the stream)', async () => {
    h = await startHarness({
      IMAGESTREAM_ROLE: 'worker',
      PUBSUB_SUBSCRIPTION: 'no-such-subscription',
      ALERT_CHANNEL: 'C0ALERTS1',
    });
    // The NOT_FOUND arrives on the stream after start: poll until readiness reflects it.
    let ready = await get(h.bot.port, '/readyz');
    for (let i = 0; i < 200 && ready[0] === 200; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      ready = await get(h.bot.port, '/readyz');
    }
    expect(ready).toEqual([503, 'not ready: the alert subscriber is not running\n']);
    expect((await get(h.bot.port, '/healthz'))[0]).toBe(200);
  });
});

describe('AlertSubscriber.isRunning and /readyz', () => {
  it('is not ready before start and after stop, ready while the stream is open', async () => {
    await subscription('readiness-unit');
    const logger = createLogger({ level: 'silent' });
    const redis = createRedis(TEST_REDIS_URL, 'producer');
    const pubsub = new PubSub({ projectId: 'test-project', apiEndpoint: pstest.host, emulatorMode: true });
    const subscriber = new AlertSubscriber(pubsub, {
      subscription: 'readiness-unit-sub',
      logger,
      // Never called: nothing is published to this subscription.
      store: {} as AlertStore,
      handle: async () => undefined,
    });
    const server = await startOpsServer(opsRoutes({ redis, subscriber }), 0);
    try {
      if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
      expect(subscriber.isRunning()).toBe(false);
      expect(await get(server.port, '/readyz')).toEqual([503, 'not ready: the alert subscriber is not running\n']);
      await subscriber.start();
      expect(subscriber.isRunning()).toBe(true);
      expect(await get(server.port, '/readyz')).toEqual([200, 'ready\n']);
      await subscriber.stop();
      expect(subscriber.isRunning()).toBe(false);
      expect((await get(server.port, '/readyz'))[0]).toBe(503);
      expect((await get(server.port, '/healthz'))[0]).toBe(200);
    } finally {
      await subscriber.stop();
      await server.close();
      await pubsub.close();
      await closeRedis(redis);
    }
  });
});
