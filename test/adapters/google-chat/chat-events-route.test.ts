/**
 * POST /google-chat/events end to end: a real HTTP server serving the route, tokens signed with a
 * test key and checked by the real verifier against the certificate fake, the core's runner and
 * buttons behind it, and real BullMQ queues on the test Redis (nothing may be queued for a request
 * that does not verify).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { ChatApproverDirectory } from '../../../adapters/google-chat/approvers/chat-approver-directory';
import { GOOGLE_CHAT_EVENTS_PATH, chatEventsRoute } from '../../../adapters/google-chat/app/chat-events-route';
import type { ChatWebDeps } from '../../../adapters/google-chat/events/chat-web-deps';
import { createChatRequestVerifier } from '../../../adapters/google-chat/verify/chat-request-verifier';
import { httpLimits } from '../../../src/app/http-limits';
import { serveOps } from '../../../src/app/ops-router';
import { requestPath } from '../../../src/app/request-path';
import { AccessScope } from '../../../src/access/access-scope';
import { ApprovalStore } from '../../../src/approvals/approval-store';
import { ApproverPolicy } from '../../../src/approvals/approver-policy';
import { AuditLog } from '../../../src/audit/audit-log';
import { principalId } from '../../../src/chat/principal-id';
import { createLogger } from '../../../src/logging/logger';
import { BotMetrics } from '../../../src/metrics/bot-metrics';
import { JobQueue } from '../../../src/queue/job-queue';
import { QUEUE_NAMES } from '../../../src/queue/queue-names';
import { connectRedis, deleteKeys, uniquePrefix } from '../../approvals/redis-test-keys';
import { type CertsFake, startCertsFake } from '../../fakes/google-chat-certs';
import {
  TEST_PROJECT_NUMBER,
  type TestSigningKey,
  bearer,
  chatIdTokenClaims,
  chatJwtClaims,
  signToken,
  testSigningKey,
} from '../../support/google-chat-sign';
import {
  ADA,
  BOB,
  SPACE,
  THREAD,
  addedToSpace,
  cardClicked,
  slashCommand,
  visibleText,
} from '../../support/google-chat-events';

const CAROL = { name: 'users/333', email: 'carol@example.com' };
const ENDPOINT = 'https://bot.example.com/google-chat/events';

let key: TestSigningKey;
let forger: TestSigningKey;
let certs: CertsFake;
let redis: Redis;
let prefix: string;
let queues: Queue[];
let approvals: ApprovalStore;
let servers: http.Server[];
let logLines: string[];

beforeAll(async () => {
  [key, forger] = await Promise.all([testSigningKey('chat-key-1'), testSigningKey('chat-key-1')]);
  certs = await startCertsFake({ [key.kid]: key.certificatePem });
  redis = connectRedis();
});
afterAll(async () => {
  await certs.close();
  await redis.quit();
});
beforeEach(() => {
  prefix = uniquePrefix('gchat-route');
  queues = QUEUE_NAMES.map((name) => new Queue(name, { connection: redis, prefix }));
  approvals = new ApprovalStore(redis, { keyPrefix: `${prefix}approvals:` });
  servers = [];
  logLines = [];
});
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  await Promise.all(queues.map((q) => q.close()));
  await deleteKeys(redis, prefix);
});

/** The route on a loopback server, for GOOGLE_CHAT_AUDIENCE `audience`; its base URL. */
async function startBot(audience = TEST_PROJECT_NUMBER): Promise<string> {
  const logger = createLogger({
    level: 'debug',
    destination: { write: (line: string) => void logLines.push(line) },
  });
  const [jobs, changes, replies] = queues as [Queue, Queue, Queue];
  const directory = new ChatApproverDirectory({ approvers: ['users/999', 'bob@example.com'] });
  const deps = {
    config: {
      GOOGLE_CLOUD_PROJECT: 'acme-prod',
      IMAGESTREAM_DEFAULT_LOCATION: 'us-east1',
      IMAGESTREAM_MUTATION_CHANNELS: [],
      IMAGESTREAM_PLATFORM: 'linux/amd64',
      IMAGESTREAM_MUTE_BY: 'approvers',
      IMAGESTREAM_ACK_REDIS_TIMEOUT_MS: 5000,
    },
    logger,
    queue: new JobQueue(jobs, redis, { changes, replies }),
    approvals,
    approvers: new ApproverPolicy([directory]),
    audit: new AuditLog(redis, logger, { key: `${prefix}audit` }),
    // No alert is clicked here.
    alerts: { store: { get: async () => null, mute: async () => null }, outbox: { update: async () => undefined } },
    metrics: new BotMetrics({ processMetrics: false }),
    scope: new AccessScope(),
    chat: { commandId: 1, directory },
  } as unknown as ChatWebDeps;
  const verifier = createChatRequestVerifier({ audience, certsUrl: certs.url });
  const route = chatEventsRoute({ verifier, deps, limits: httpLimits({ bodyLimitBytes: 64 * 1024 }), logger });
  const server = http.createServer((req, res) => serveOps([route], requestPath(req.url), req, res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function post(base: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${GOOGLE_CHAT_EVENTS_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'Google-Dynamite', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

const signed = (over = {}) => bearer(signToken(key, chatJwtClaims(over)));

/** Every job on every queue, as [name, data]. */
async function queued(): Promise<Array<[string, unknown]>> {
  const jobs = (await Promise.all(queues.map((q) => q.getJobs()))).flat();
  return jobs.map((j) => [j.name, j.data]);
}

describe('requests that are not from Chat: 401, nothing queued, the token never logged', () => {
  const nowSec = () => Math.floor(Date.now() / 1000);
  it.each([
    ['a forged signature', () => bearer(signToken(forger, chatJwtClaims()))],
    ['another audience', () => signed({ aud: '999' })],
    ['another issuer', () => signed({ iss: 'attacker@example.iam.gserviceaccount.com' })],
    ['an expired token', () => signed({ iat: nowSec() - 7200, exp: nowSec() - 3600 })],
    ['no Authorization header', () => ({})],
  ])('%s', async (_name, headers) => {
    const base = await startBot();
    const h = headers() as Record<string, string>;
    const res = await post(base, slashCommand('status prod-1'), h);
    expect(res.status).toBe(401);
    expect(res.text).toBe('not a verified Google Chat request\n');
    expect(await queued()).toEqual([]);
    const token = h.authorization?.slice('Bearer '.length);
    expect(logLines.some((l) => l.includes('refused a request to /google-chat/events'))).toBe(true);
    if (token) expect(logLines.join('')).not.toContain(token.split('.')[2]);
  });

  it('an ID token whose email is not the Chat service account (endpoint-URL audience)', async () => {
    const base = await startBot(ENDPOINT);
    const token = signToken(key, chatIdTokenClaims(ENDPOINT, { email: 'someone@example.com' }));
    expect((await post(base, slashCommand('status prod-1'), bearer(token))).status).toBe(401);
    const good = signToken(key, chatIdTokenClaims(ENDPOINT));
    expect((await post(base, slashCommand('help'), bearer(good))).status).toBe(200);
    expect(await queued()).toEqual([]);
  });
});

describe('commands', () => {
  it('status: acked privately at once, a status job queued answering in the Chat thread', async () => {
    const base = await startBot();
    const res = await post(base, slashCommand('status prod-1'), signed());
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({
      text: 'Reading image streaming settings of prod-1...',
      privateMessageViewer: { name: ADA.name },
    });
    expect(await queued()).toEqual([
      [
        'status',
        {
          replyTo: { conversation: { platform: 'gchat', space: SPACE, thread: THREAD }, requester: 'gchat:users/111' },
          target: { project: 'acme-prod', location: 'us-east1', cluster: 'prod-1' },
        },
      ],
    ]);
  });

  it('help: answered in the response, no job', async () => {
    const base = await startBot();
    const res = await post(base, slashCommand('help'), signed());
    expect(res.status).toBe(200);
    expect(visibleText(res.json())).toContain('/imagestream status CLUSTER');
    expect(await queued()).toEqual([]);
  });

  it('a user of another shape: the job payload refuses the user id, and the answer says so', async () => {
    const base = await startBot();
    const res = await post(base, slashCommand('status prod-1', { name: 'people/1' }), signed());
    expect(visibleText(res.json())).toContain('user id');
    expect(await queued()).toEqual([]);
  });

  it('ADDED_TO_SPACE: a welcome naming /imagestream help', async () => {
    const base = await startBot();
    const res = await post(base, addedToSpace(), signed());
    expect(visibleText(res.json())).toContain('/imagestream help');
  });
});

describe('approval buttons', () => {
  async function request() {
    return approvals.create({
      action: 'enable',
      target: { project: 'acme-prod', location: 'us-east1', cluster: 'prod-1', pool: 'web' },
      change: { from: false, to: true, poolsAffected: ['web'], notes: [] },
      requestedBy: principalId('gchat', ADA.name),
      conversation: { platform: 'gchat', space: SPACE, thread: THREAD },
    });
  }

  it.each(['common', 'action'] as const)(
    'Approve by a non-approver (%s form): refused privately, nothing decided or queued',
    async (form) => {
      const base = await startBot();
      const req = await request();
      const res = await post(base, cardClicked('imagestream_approve', req.id, CAROL, form), signed());
      expect(res.status).toBe(200);
      expect(res.json()).toMatchObject({
        actionResponse: { type: 'NEW_MESSAGE' },
        text: expect.stringContaining('Only approvers can approve this request'),
        privateMessageViewer: { name: CAROL.name },
      });
      expect((await approvals.get(req.id))?.state).toBe('pending');
      expect(await queued()).toEqual([]);
    },
  );

  it('Approve by an approver named by e-mail: decided, the change queued once, nothing to say', async () => {
    const base = await startBot();
    const req = await request();
    const res = await post(base, cardClicked('imagestream_approve', req.id, BOB, 'action'), signed());
    expect(res.json()).toEqual({});
    const approved = await approvals.get(req.id);
    expect(approved).toMatchObject({ state: 'approved', decidedBy: 'gchat:users/222' });
    expect(approved?.message).toEqual({ platform: 'gchat', space: SPACE, message: `${SPACE}/messages/CARD1` });
    expect((await queued()).map(([name]) => name).sort()).toEqual(['apply', 'approval-message']);
  });
});

describe('malformed requests from Chat', () => {
  it('a body that is not JSON: 400', async () => {
    const base = await startBot();
    expect((await post(base, '{"type":', signed())).status).toBe(400);
  });

  it('a body over the limit: 413', async () => {
    const base = await startBot();
    expect((await post(base, { ...addedToSpace(), pad: 'x'.repeat(70 * 1024) }, signed())).status).toBe(413);
  });

  it('an event the bot does not read: 200 {}', async () => {
    const base = await startBot();
    const res = await post(base, { type: 'MESSAGE', space: { name: 'not a space' } }, signed());
    expect([res.status, res.text]).toEqual([200, '{}']);
  });

  it('another method: 405', async () => {
    const base = await startBot();
    const res = await fetch(`${base}${GOOGLE_CHAT_EVENTS_PATH}`);
    expect(res.status).toBe(405);
  });
});
