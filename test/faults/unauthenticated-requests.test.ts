/**
 * What a request that is not from Slack may cost the bot (found by an attack: 150 stalled unsigned
 * 4 MB requests held 600 MB for minutes). Against the real bot over sockets, with short timeouts
 * injected (never waited out on real clocks): a request without Slack's headers, or signed outside
 * the 5-minute window either way, or declaring a body over the limit, is refused before its body is
 * read; a body or headers that trickle are cut and the connection closed. Slack's own requests, a
 * large interaction included, still go through.
 */
import { Redis } from 'ioredis';
import { DEFAULT_HTTP_LIMITS } from '../../src/app/http-limits';
import { opsRoutes } from '../../src/app/ops-routes';
import { OpsServer, startOpsServer } from '../../src/app/ops-server';
import { closeRedis, createRedis } from '../../src/queue/redis-connection';
import { CHANNEL, Harness, REQUESTER, startHarness } from '../support/bot-harness';
import { rawRequest, requestHead } from '../support/raw-http';
import { TEST_REDIS_URL } from '../support/redis-url';
import { blockActionsBody, postSigned, signSlackRequest, SIGNING_SECRET } from '../support/slack-sign';

// Short enough that a test sees the cut at once, long enough for a loaded machine's real requests.
// requestTimeout stays long: the body deadline alone must cut a trickling body.
const LIMITS = { bodyTimeoutMs: 1000, headersTimeoutMs: 1000, requestTimeoutMs: 120_000, timeoutCheckMs: 100 };
const FOUR_MB = 4 * 1024 * 1024;
const now = () => Math.floor(Date.now() / 1000);

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ IMAGESTREAM_ROLE: 'web', REDIS_URL: TEST_REDIS_URL }, { httpLimits: LIMITS });
});
afterAll(async () => {
  await h?.stop();
});

/** POST /slack/events with `headers`, claiming `claimed` bytes and sending only `sent`: the client then stalls. */
function stalledPost(headers: Record<string, string>, claimed: number, sent = 'command=%2Fimagestream&text=help') {
  const head = requestHead('POST', '/slack/events', {
    'Content-Type': 'application/x-www-form-urlencoded',
    'Content-Length': claimed,
    ...headers,
  });
  return rawRequest(h.bot.port!, head, Buffer.from(sent));
}

/** Headers shaped like Slack's (a fresh timestamp) over a signature of another body: they pass every check but the HMAC. */
const forgedHeaders = (): Record<string, string> => ({ ...signSlackRequest(SIGNING_SECRET, 'another body') });

async function stillServes(): Promise<void> {
  expect((await h.command('help')).status).toBe(200);
}

describe('refused before the body is read', () => {
  it.each([
    ['no Slack headers', {}],
    ['no signature', { 'X-Slack-Request-Timestamp': String(now()) }],
    ['no timestamp', { 'X-Slack-Signature': `v0=${'a'.repeat(64)}` }],
    [
      'a signature of another version',
      { 'X-Slack-Signature': `v1=${'a'.repeat(64)}`, 'X-Slack-Request-Timestamp': String(now()) },
    ],
    [
      'a timestamp that is not a number',
      { 'X-Slack-Signature': `v0=${'a'.repeat(64)}`, 'X-Slack-Request-Timestamp': 'soon' },
    ],
    ['a timestamp 10 minutes old', { ...forgedHeaders(), 'X-Slack-Request-Timestamp': String(now() - 600) }],
    ['a timestamp 10 minutes ahead', { ...forgedHeaders(), 'X-Slack-Request-Timestamp': String(now() + 600) }],
  ])('%s: 401 while a claimed 4 MB body never arrives, and the connection is closed', async (_name, headers) => {
    const answer = await stalledPost(headers, FOUR_MB);
    expect(answer.status).toBe(401);
    expect(answer.head).toMatch(/^connection: close$/im);
    await stillServes();
  });

  it("Slack's headers with a declared body over the limit: 413", async () => {
    const answer = await stalledPost(forgedHeaders(), DEFAULT_HTTP_LIMITS.bodyLimitBytes + 1);
    expect(answer.status).toBe(413);
    await stillServes();
  });

  it('a chunked body (no length declared) that grows past the limit: 413', async () => {
    const head = requestHead('POST', '/slack/events', {
      'Content-Type': 'application/x-www-form-urlencoded',
      'Transfer-Encoding': 'chunked',
      ...forgedHeaders(),
    });
    const size = DEFAULT_HTTP_LIMITS.bodyLimitBytes + 1024;
    const chunk = Buffer.concat([
      Buffer.from(`${size.toString(16)}\r\n`),
      Buffer.alloc(size, 0x61),
      Buffer.from('\r\n'),
    ]);
    expect((await rawRequest(h.bot.port!, head, chunk)).status).toBe(413);
    await stillServes();
  });
});

describe('the 5-minute window, either way, on correctly signed requests', () => {
  it.each([
    ['10 minutes ahead', 401, 600],
    ['6 minutes ahead', 401, 360],
    ['10 minutes old', 401, -600],
    ['1 minute ahead (clock skew)', 200, 60],
    ['4 minutes old', 200, -240],
  ])('signed %s: %d', async (_name, status, offset) => {
    expect((await h.command('help', { timestamp: now() + offset })).status).toBe(status);
  });
});

describe('slow senders are cut (timeouts injected)', () => {
  it('a body that trickles past the body deadline: 408 and the connection closed', async () => {
    // Slack's headers, a small declared body, a third of it sent: only the deadline ends the wait.
    const answer = await stalledPost(forgedHeaders(), 3000, 'a'.repeat(1000));
    expect(answer.status).toBe(408);
    await stillServes();
  });

  it('headers that never end: 408 and the connection closed', async () => {
    const answer = await rawRequest(h.bot.port!, 'POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slack-Sig');
    expect(answer.status).toBe(408);
    await stillServes();
  });

  it('the ops server of the other modes cuts headers that never end too', async () => {
    const redis: Redis = createRedis(TEST_REDIS_URL, 'producer');
    let ops: OpsServer | undefined;
    try {
      ops = await startOpsServer(opsRoutes({ redis }), 0, { ...DEFAULT_HTTP_LIMITS, ...LIMITS });
      const answer = await rawRequest(ops.port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pro');
      expect(answer.status).toBe(408);
    } finally {
      await ops?.close();
      await closeRedis(redis);
    }
  });
});

describe('unverified bodies in flight, all requests together', () => {
  it("past their budget a forged request is refused with 503, while Slack's small requests still go through", async () => {
    // A budget of 64 KB; each forged request sends 39 KB of a declared 40 KB and stalls (no body
    // deadline in reach): the first is held, the second would cross the budget.
    const tight = await startHarness(
      { IMAGESTREAM_ROLE: 'web', REDIS_URL: TEST_REDIS_URL },
      { httpLimits: { bodyTimeoutMs: 120_000, unverifiedBytesBudget: 64 * 1024 } },
    );
    const hold = new AbortController();
    try {
      const head = requestHead('POST', '/slack/events', {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': 40 * 1024,
        ...forgedHeaders(),
      });
      const body = Buffer.alloc(39 * 1024, 0x61);
      const held = [1, 2].map(() => rawRequest(tight.bot.port!, head, body, 30_000, hold.signal));
      expect((await Promise.race(held)).status).toBe(503);
      expect((await tight.command('help')).status).toBe(200);
    } finally {
      hold.abort();
      await tight.stop();
    }
  });
});

describe("Slack's own requests still go through", () => {
  it('a click on a message of 50 full sections (over 150 KB form-encoded) is acked', async () => {
    const text = 'Image streaming is on for pool default-pool in cluster shop-prod. '.repeat(45);
    const blocks = Array.from({ length: 50 }, () => ({ type: 'section', text: { type: 'mrkdwn', text } }));
    const body = blockActionsBody({
      action_id: 'imagestream_noop_fuzz',
      value: 'x',
      user_id: REQUESTER,
      channel_id: CHANNEL,
      message_ts: '1700000000.000100',
      response_url: h.slack.responseUrl('large-click'),
      blocks,
    });
    expect(body.length).toBeGreaterThan(150_000);
    expect((await postSigned(h.bot.port!, body)).status).toBe(200);
  });
});
