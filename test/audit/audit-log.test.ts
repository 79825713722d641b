import Redis from 'ioredis';
import { AuditLog } from '../../src/audit/audit-log';
import { principalId } from '../../src/chat/principal-id';
import { RemoteError } from '../../src/errors';
import { createLogger } from '../../src/logging/logger';
import { freePort } from '../support/free-port';
import { connectRedis, deleteKeys, uniquePrefix } from '../approvals/redis-test-keys';

let redis: Redis;
let prefix: string;
let lines: Array<Record<string, unknown>>;
const logger = createLogger({ level: 'info', destination: { write: (l: string) => void lines.push(JSON.parse(l)) } });

beforeAll(() => {
  redis = connectRedis();
});
afterAll(async () => {
  await redis.quit();
});
beforeEach(() => {
  prefix = uniquePrefix('audit');
  lines = [];
});
afterEach(async () => {
  await deleteKeys(redis, prefix);
});

describe('AuditLog', () => {
  it('returns recorded events newest first, with every field', async () => {
    let clock = 1_700_000_000_000;
    const audit = new AuditLog(redis, logger, { key: `${prefix}events`, now: () => clock });
    await audit.record({
      kind: 'requested',
      requestId: 'r1',
      user: principalId('slack', 'UCAROL'),
      action: 'enable',
      target: 'prod-1 in us-east1, project acme',
    });
    clock += 1000;
    await audit.record({ kind: 'approved', requestId: 'r1', user: principalId('slack', 'UALICE'), action: 'enable' });
    await audit.record({ kind: 'done', requestId: 'r1', at: 42, detail: 'enabled' });
    expect(await audit.recent(10)).toEqual([
      { at: 42, kind: 'done', requestId: 'r1', detail: 'enabled' },
      { at: clock, kind: 'approved', requestId: 'r1', user: 'slack:UALICE', action: 'enable' },
      {
        at: clock - 1000,
        kind: 'requested',
        requestId: 'r1',
        user: 'slack:UCAROL',
        action: 'enable',
        target: 'prod-1 in us-east1, project acme',
      },
    ]);
    expect(await audit.recent(2)).toHaveLength(2);
  });

  it('writes one structured log line per event, marked audit: true', async () => {
    const audit = new AuditLog(redis, logger, { key: `${prefix}events`, now: () => 1_700_000_000_000 });
    await audit.record({
      kind: 'denied',
      requestId: 'r2',
      user: principalId('slack', 'UBOB'),
      action: 'disable',
      target: 'prod-1',
    });
    expect(lines).toEqual([
      expect.objectContaining({
        audit: true,
        severity: 'INFO',
        kind: 'denied',
        requestId: 'r2',
        user: 'slack:UBOB',
        action: 'disable',
        target: 'prod-1',
        at: '2023-11-14T22:13:20.000Z',
        message: 'audit denied disable by slack:UBOB on prod-1',
      }),
    ]);
  });

  it('keeps only the newest maxEvents', async () => {
    const audit = new AuditLog(redis, logger, { key: `${prefix}events`, maxEvents: 5 });
    for (let i = 0; i < 8; i++) await audit.record({ kind: 'command', detail: `n${i}`, at: i });
    expect((await audit.recent(100)).map((e) => e.detail)).toEqual(['n7', 'n6', 'n5', 'n4', 'n3']);
    expect(await redis.llen(`${prefix}events`)).toBe(5);
  });

  it('clamps n to 1..100', async () => {
    const audit = new AuditLog(redis, logger, { key: `${prefix}events` });
    for (let i = 0; i < 105; i++) await audit.record({ kind: 'command', at: i });
    expect(await audit.recent(0)).toHaveLength(1);
    expect(await audit.recent(-5)).toHaveLength(1);
    expect(await audit.recent(1000)).toHaveLength(100);
    expect((await audit.recent(1000))[0]!.at).toBe(104);
  });

  it('stores no token and no unbounded text', async () => {
    const audit = new AuditLog(redis, logger, { key: `${prefix}events` });
    const token = 'xoxb-111-222-SeCrEtSeCrEt';
    await audit.record({ kind: 'failed', detail: `Slack said invalid_auth for ${token} ${'x'.repeat(5000)}` });
    const [event] = await audit.recent(1);
    expect(event!.detail).toMatch(/^Slack said invalid_auth for \[redacted\] x+…$/);
    expect(event!.detail!.length).toBeLessThanOrEqual(2000);
    expect(JSON.stringify(lines) + (await redis.lrange(`${prefix}events`, 0, -1)).join('')).not.toContain(token);
  });

  it('skips entries that are not events instead of failing the listing', async () => {
    const audit = new AuditLog(redis, logger, { key: `${prefix}events` });
    await audit.record({ kind: 'requested', at: 1 });
    await redis.lpush(`${prefix}events`, '{not json', JSON.stringify({ at: 'yesterday', kind: 'approved' }));
    await audit.record({ kind: 'approved', at: 2 });
    expect(await audit.recent(10)).toEqual([
      { kind: 'approved', at: 2 },
      { kind: 'requested', at: 1 },
    ]);
  });

  it('still writes the log line when Redis is down, then reports a RemoteError', async () => {
    const down = new Redis({
      host: '127.0.0.1',
      port: await freePort(),
      lazyConnect: true,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    try {
      const audit = new AuditLog(down, logger, { key: `${prefix}events` });
      await expect(
        audit.record({ kind: 'approved', requestId: 'r9', user: principalId('slack', 'UALICE') }),
      ).rejects.toBeInstanceOf(RemoteError);
      expect(lines).toEqual([expect.objectContaining({ audit: true, kind: 'approved', requestId: 'r9' })]);
    } finally {
      down.disconnect();
    }
  });
});

describe('AuditLog on events written before the chat seam', () => {
  it('reads a bare Slack user id as a Slack principal id', async () => {
    const audit = new AuditLog(redis, logger, { key: `${prefix}events` });
    await redis.lpush(
      `${prefix}events`,
      JSON.stringify({ at: 1, kind: 'approved', requestId: 'r1', user: 'UALICE', action: 'enable' }),
    );
    expect(await audit.recent(1)).toEqual([
      { at: 1, kind: 'approved', requestId: 'r1', user: 'slack:UALICE', action: 'enable' },
    ]);
  });

  it('refuses a user that is no principal id', async () => {
    const audit = new AuditLog(redis, logger, { key: `${prefix}events` });
    await expect(audit.record({ kind: 'approved', user: '<!channel>' as never })).rejects.toThrow(
      /invalid audit event/,
    );
  });
});
