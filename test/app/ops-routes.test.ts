/**
 * The probes on their own server, over real sockets, against the real Redis (and a Redis port
 * where nothing listens): liveness never depends on Redis, readiness does, and on the subscriber.
 */
import { Redis } from 'ioredis';
import { TEST_REDIS_URL } from '../support/redis-url';
import { OpsProbes, opsRoutes } from '../../src/app/ops-routes';
import { OpsServer, startOpsServer } from '../../src/app/ops-server';
import { closeRedis, createRedis } from '../../src/queue/redis-connection';

let up: Redis;
let down: Redis;
const servers: OpsServer[] = [];

beforeAll(async () => {
  up = createRedis(TEST_REDIS_URL, 'producer');
  down = createRedis('redis://127.0.0.1:1', 'producer');
  down.on('error', () => undefined);
  // The producer fails fast instead of queueing: wait until it is connected.
  if (up.status !== 'ready') await new Promise((resolve) => up.once('ready', resolve));
});
afterAll(async () => {
  await closeRedis(up);
  await closeRedis(down);
});
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function serve(probes: OpsProbes): Promise<(path: string, init?: RequestInit) => Promise<[number, string]>> {
  const server = await startOpsServer(opsRoutes(probes), 0);
  servers.push(server);
  return async (path, init) => {
    const res = await fetch(`http://127.0.0.1:${server.port}${path}`, init);
    return [res.status, await res.text()];
  };
}

describe('/healthz', () => {
  it('answers 200 while the process is up, whether Redis answers or not', async () => {
    expect(await (await serve({ redis: up }))('/healthz')).toEqual([200, 'ok\n']);
    expect(await (await serve({ redis: down }))('/healthz')).toEqual([200, 'ok\n']);
  });
});

describe('/readyz', () => {
  it('answers 200 when Redis answers PING and no subscriber runs here', async () => {
    expect(await (await serve({ redis: up }))('/readyz')).toEqual([200, 'ready\n']);
  });

  it('answers 503 with the reason when Redis does not answer', async () => {
    const [status, text] = await (await serve({ redis: down }))('/readyz');
    expect(status).toBe(503);
    expect(text).toMatch(/^not ready: redis did not answer PING within \d+ ms\n$/);
  });

  it('answers 503 when this process runs the subscriber and it is not running, 200 once it is', async () => {
    let running = false;
    const get = await serve({ redis: up, subscriber: { isRunning: () => running } });
    expect(await get('/readyz')).toEqual([503, 'not ready: the alert subscriber is not running\n']);
    running = true;
    expect(await get('/readyz')).toEqual([200, 'ready\n']);
  });

  it('counts a subscriber set after the routes were built (it starts after the Slack endpoint)', async () => {
    const probes: OpsProbes = { redis: up };
    const get = await serve(probes);
    expect((await get('/readyz'))[0]).toBe(200);
    probes.subscriber = { isRunning: () => false };
    expect((await get('/readyz'))[0]).toBe(503);
  });
});

describe('/readyz with a probe that throws or rejects', () => {
  // Before, such a probe was an unhandled rejection (the process stops) and the request got no answer.
  const boom = (): never => {
    throw new Error('probe exploded');
  };

  it('answers 503 with the reason when the subscriber probe throws', async () => {
    const get = await serve({ redis: up, subscriber: { isRunning: boom } });
    expect(await get('/readyz')).toEqual([503, 'not ready: the alert subscriber is not running\n']);
  });

  it('answers 503 with the reason when the subscriber probe rejects', async () => {
    const isRunning = (() => Promise.reject(new Error('probe exploded'))) as unknown as () => boolean;
    const get = await serve({ redis: up, subscriber: { isRunning } });
    expect(await get('/readyz')).toEqual([503, 'not ready: the alert subscriber is not running\n']);
  });

  it('answers 503 with the reason when the Socket Mode probe throws', async () => {
    const get = await serve({ redis: up, slackSocket: { isConnected: boom } });
    expect(await get('/readyz')).toEqual([503, 'not ready: the Slack Socket Mode connection is down\n']);
  });

  it('answers 503 with the reason when Redis PING throws instead of rejecting', async () => {
    const [status, text] = await (await serve({ redis: { ping: boom } as unknown as Redis }))('/readyz');
    expect(status).toBe(503);
    expect(text).toMatch(/^not ready: redis did not answer PING within \d+ ms\n$/);
  });

  it('answers 503 when reading a probe itself throws', async () => {
    const probes = { redis: up } as OpsProbes;
    Object.defineProperty(probes, 'subscriber', { get: boom, enumerable: true });
    expect(await (await serve(probes))('/readyz')).toEqual([503, 'not ready: a readiness probe failed\n']);
  });
});

describe('/metrics', () => {
  it('serves the exposition with its content type when metrics are given', async () => {
    const contentType = 'text/plain; version=0.0.4; charset=utf-8';
    const get = await serve({ redis: up, metrics: async () => ({ contentType, body: 'imagestream_up 1\n' }) });
    const res = await fetch(`http://127.0.0.1:${servers[0]!.port}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(contentType);
    expect(await res.text()).toBe('imagestream_up 1\n');
    expect((await get('/healthz'))[0]).toBe(200);
  });

  it('is 404 without metrics, and 500 (no stack trace) when collecting fails', async () => {
    expect(await (await serve({ redis: up }))('/metrics')).toEqual([404, 'not found\n']);
    const failing = await serve({ redis: up, metrics: () => Promise.reject(new Error('registry broke')) });
    expect(await failing('/metrics')).toEqual([500, 'metrics unavailable\n']);
  });
});

describe('the ops server', () => {
  it('answers 404 for other paths and 405 for other methods, ignoring the query string', async () => {
    const get = await serve({ redis: up });
    expect((await get('/slack/events', { method: 'POST', body: 'x' }))[0]).toBe(404);
    expect((await get('/healthz', { method: 'POST', body: 'x' }))[0]).toBe(405);
    expect(await get('/healthz?probe=1')).toEqual([200, 'ok\n']);
  });

  it('stops listening on close, even with a kept-alive connection open', async () => {
    const server = await startOpsServer(opsRoutes({ redis: up }), 0);
    expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);
    await server.close();
    await expect(fetch(`http://127.0.0.1:${server.port}/healthz`)).rejects.toThrow();
  });
});
