/**
 * Requests Slack never sends, on every path and with every method, against the bot as a real
 * process (HTTP mode: Bolt's server with the probes beside /slack/events) and against the ops server
 * of the other modes (Socket Mode, worker role). Each gets the status its path and method call for
 * (404 for an unknown path, 405 for a known path's other methods, 401 for an unsigned Slack
 * request), bodies that never arrive included: the answer cannot wait for them. The process stays
 * up throughout (an attack stopped it with one `POST /anything`). Seeded: FUZZ_SEED=n reproduces a
 * run, and fast-check prints the seed and the failing request.
 */
import fc from 'fast-check';
import http from 'node:http';
import { Redis } from 'ioredis';
import { opsRoutes } from '../../src/app/ops-routes';
import { OpsServer, startOpsServer } from '../../src/app/ops-server';
import { closeRedis, createRedis } from '../../src/queue/redis-connection';
import { GkeFake, startGkeFake } from '../fakes/gke-api';
import { FakeSlack, startFakeSlack } from '../fakes/slack-api';
import { botEnv, deleteKeys } from '../support/bot-harness';
import { BotProcess, spawnBot } from '../support/bot-process';
import { RawAnswer, rawRequest, requestHead } from '../support/raw-http';
import { TEST_REDIS_URL } from '../support/redis-url';
import { portOf, sendCommand } from './signed-requests';

const SEED = Number(process.env.FUZZ_SEED ?? 20_241_206);
const RUNS = 300;

/** The routes a server has; any other path is a 404. */
type Known = '/slack/events' | '/healthz' | '/readyz' | '/metrics';

/** One generated request: the path it names, how its target is spelled, its method and body. */
interface PathCase {
  method: string;
  /** The route the target names, or undefined for a path no route has. */
  known?: Known;
  target: string;
  body: Uint8Array;
  /** The Content-Length claims 4 MB more than the body sent: the client then stalls. */
  stalled: boolean;
  contentType?: string;
}

const KNOWN: Known[] = ['/slack/events', '/healthz', '/readyz', '/metrics'];
// Every character Node's parser takes in a request target, '?' and '#' aside (they end the path).
const TARGET_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&\'()*+,;=:@%/"<>{}|\\^`[]';
const segment = fc.string({ unit: fc.constantFrom(...TARGET_CHARS.split('')), maxLength: 40 });
const query = fc.option(fc.string({ unit: fc.constantFrom(...TARGET_CHARS.split(''), '?', '='), maxLength: 30 }), {
  nil: undefined,
});

/** Paths no route has: random ones, and near misses of the routes. */
const unknownPath = fc.oneof(
  segment.map((s) => `/${s}`),
  fc.constantFrom(
    '/',
    '//',
    '//healthz',
    '/slack/events/',
    '/SLACK/EVENTS',
    '/slack//events',
    '/slack/events/..',
    '/heal%74hz',
    '/healthz/',
    '/readyz.json',
    '/metrics%00',
    '/%',
    '/%zz',
    '/slack/install',
    '/slack/oauth_redirect',
  ),
);

const pathCase: fc.Arbitrary<PathCase> = fc
  .record({
    method: fc.constantFrom(...http.METHODS.filter((m) => m !== 'CONNECT'), 'POST', 'POST', 'GET', 'GET', 'HEAD'),
    route: fc.oneof(fc.constantFrom(...KNOWN), unknownPath),
    absolute: fc.boolean(),
    query,
    body: fc.uint8Array({ maxLength: 2000 }),
    stalled: fc.boolean(),
    contentType: fc.constantFrom(undefined, 'application/x-www-form-urlencoded', 'application/json', 'text/plain'),
  })
  .map(({ method, route, absolute, query, body, stalled, contentType }) => {
    const known = KNOWN.find((k) => k === route);
    // Absolute-form targets (`http://host/path`), which HTTP/1.1 servers must accept, name the same route.
    const origin = absolute && !route.startsWith('//') ? 'http://bot.invalid' : '';
    const target = `${origin}${route}${query === undefined ? '' : `?${query}`}`;
    return { method, known, target, body, stalled, contentType };
  });

/** The statuses a server may answer with. `slack`: the server also has /slack/events. */
function allowedStatuses(c: PathCase, slack: boolean): number[] {
  const route = c.known === '/slack/events' && !slack ? undefined : c.known;
  if (route === undefined) return [404];
  // Unsigned, so refused before its body is read (stalled or not).
  if (route === '/slack/events') return c.method === 'POST' ? [401] : [405];
  if (c.method !== 'GET' && c.method !== 'HEAD') return [405];
  return route === '/readyz' ? [200, 503] : [200];
}

function send(port: number, c: PathCase): Promise<RawAnswer> {
  const claimed = c.body.length + (c.stalled ? 4 * 1024 * 1024 : 0);
  const headers: Record<string, string | number> = { 'Content-Length': claimed };
  if (c.contentType) headers['Content-Type'] = c.contentType;
  return rawRequest(port, requestHead(c.method, c.target, headers), c.body);
}

/** Runs the property against `port`; `alive` throws when the server's process has gone. */
async function fuzzServer(port: number, slack: boolean, alive: () => void): Promise<void> {
  await fc.assert(
    fc.asyncProperty(pathCase, async (c) => {
      alive();
      const answer = await send(port, c);
      const allowed = allowedStatuses(c, slack);
      if (answer.status === undefined || !allowed.includes(answer.status)) {
        throw new Error(`${c.method} ${c.target}: ${answer.status ?? 'no answer'}, expected ${allowed.join(' or ')}`);
      }
      if (answer.status === 405 && !/^allow: /im.test(answer.head)) throw new Error('a 405 without Allow');
    }),
    { seed: SEED, numRuns: RUNS },
  );
}

describe('the bot in HTTP mode, as a process', () => {
  let slack: FakeSlack;
  let gke: GkeFake;
  let bot: BotProcess;
  let port: number;
  let exitCode: number | string | undefined;
  const env = () => botEnv(slack, gke, { IMAGESTREAM_ROLE: 'web', REDIS_URL: TEST_REDIS_URL });
  let prefix: string;

  beforeAll(async () => {
    slack = await startFakeSlack();
    gke = await startGkeFake();
    const e = env();
    prefix = e.IMAGESTREAM_REDIS_PREFIX!;
    bot = await spawnBot(e);
    void bot.exited.then((code) => (exitCode = code));
    port = portOf(bot);
  });
  afterAll(async () => {
    if (exitCode === undefined) await bot?.stop();
    await deleteKeys(prefix);
    await slack?.close();
    await gke?.close();
  });
  const alive = () => {
    if (exitCode !== undefined) throw new Error(`the bot exited (${exitCode}); stderr in its logs`);
  };

  it('an unsigned POST to a path other than the Slack endpoint is a 404, and the process stays up', async () => {
    const answer = await rawRequest(port, requestHead('POST', '/anything', { 'Content-Length': 2 }), Buffer.from('{}'));
    expect(answer.status).toBe(404);
    // The bot still answers: the probes, and a signed command.
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await sendCommand(port, slack, 'help', 'fuzz-paths-1')).status).toBe(200);
    alive();
  });

  it(`${RUNS} requests on random paths with every method: each gets its status, and the process stays up`, async () => {
    await fuzzServer(port, true, alive);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await sendCommand(port, slack, 'help', 'fuzz-paths-2')).status).toBe(200);
    alive();
  }, 120_000);
});

describe('the ops server (Socket Mode, worker role)', () => {
  let redis: Redis;
  let ops: OpsServer;

  beforeAll(async () => {
    redis = createRedis(TEST_REDIS_URL, 'producer');
    if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
    const metrics = async () => ({ contentType: 'text/plain; version=0.0.4', body: 'imagestream_up 1\n' });
    ops = await startOpsServer(opsRoutes({ redis, metrics }), 0);
  });
  afterAll(async () => {
    await ops?.close();
    await closeRedis(redis);
  });

  it(`${RUNS} requests on random paths with every method: each gets its status`, async () => {
    await fuzzServer(ops.port, false, () => undefined);
    expect((await fetch(`http://127.0.0.1:${ops.port}/healthz`)).status).toBe(200);
  }, 120_000);
});
