/**
 * The audit trail in Cloud Logging: AuditLog with the CloudAuditWriter, the real library against
 * the Logging fake over a socket, and Redis. Written in the background: the test waits for the
 * writer to flush (an event, not a sleep).
 */
import Redis from 'ioredis';
import { AuditLog } from '../../src/audit/audit-log';
import { CloudAuditWriter } from '../../src/audit/cloud-audit-writer';
import { principalId } from '../../src/chat/principal-id';
import { createCloudLogging } from '../../src/cloud-logging/cloud-logging-client';
import { createLogger } from '../../src/logging/logger';
import { FAKE_TOKEN } from '../fakes/http-fake';
import { FakeLogging, startFakeLogging } from '../fakes/logging-api';
import { connectRedis, deleteKeys, uniquePrefix } from '../approvals/redis-test-keys';

let redis: Redis;
let prefix: string;
let fake: FakeLogging;
let lines: Array<Record<string, unknown>>;
const logger = createLogger({ level: 'info', destination: { write: (l: string) => void lines.push(JSON.parse(l)) } });

beforeAll(() => {
  redis = connectRedis();
});
afterAll(async () => {
  await redis.quit();
});
beforeEach(async () => {
  prefix = uniquePrefix('cloud-audit');
  lines = [];
  fake = await startFakeLogging([]);
});
afterEach(async () => {
  await fake.close();
  await deleteKeys(redis, prefix);
});

function setUp(options: { now?: () => number } = {}) {
  const logging = createCloudLogging({
    endpoint: fake.url,
    accessToken: FAKE_TOKEN,
    retryDelayMs: 1,
    projectId: 'acme-prod',
  });
  const writer = new CloudAuditWriter(logging, logger, { project: 'acme-prod', ...options });
  const audit = new AuditLog(redis, logger, { key: `${prefix}events`, sink: writer });
  return { writer, audit };
}

/** The audit entries the fake received (the library adds one diagnostic entry per process to its first write). */
const auditEntries = () => fake.written.filter((e) => e.jsonPayload && 'kind' in e.jsonPayload);

describe('CloudAuditWriter', () => {
  it('writes each event as a structured entry of the imagestream-audit log', async () => {
    const { writer, audit } = setUp();
    await audit.record({
      kind: 'approved',
      requestId: 'r1',
      user: principalId('slack', 'UALICE'),
      action: 'enable',
      target: 'prod-1 in us-east1, project acme-prod',
      at: Date.UTC(2024, 2, 5, 12, 0, 0, 250),
    });
    await audit.record({ kind: 'command', user: principalId('gchat', 'users/123'), action: 'mute', detail: 'a1' });
    await writer.flush();

    expect(auditEntries()).toEqual([
      expect.objectContaining({
        logName: 'projects/acme-prod/logs/imagestream-audit',
        resource: { type: 'global', labels: {} },
        severity: 300, // NOTICE, sent as the library sends enums: numbers
        timestamp: '2024-03-05T12:00:00.250Z',
        jsonPayload: {
          message: 'audit approved enable by slack:UALICE on prod-1 in us-east1, project acme-prod',
          kind: 'approved',
          user: 'slack:UALICE',
          action: 'enable',
          target: 'prod-1 in us-east1, project acme-prod',
          requestId: 'r1',
        },
      }),
      expect.objectContaining({
        severity: 200, // INFO: a command
        jsonPayload: {
          message: 'audit command mute by gchat:users/123',
          kind: 'command',
          user: 'gchat:users/123',
          action: 'mute',
          detail: 'a1',
        },
      }),
    ]);
    expect(auditEntries().every((e) => typeof e.insertId === 'string')).toBe(true);
    expect(writer.stats()).toEqual({ written: 2, failed: 0, dropped: 0 });
    // The Redis list of /imagestream audit still has them.
    expect((await audit.recent(10)).map((e) => e.kind)).toEqual(['command', 'approved']);
  });

  it('batches the events recorded while a write is in flight', async () => {
    const { writer, audit } = setUp();
    await Promise.all(Array.from({ length: 20 }, (_, i) => audit.record({ kind: 'command', detail: `n${i}`, at: i })));
    await writer.flush();
    expect(auditEntries().map((e) => e.jsonPayload!.detail)).toEqual(Array.from({ length: 20 }, (_, i) => `n${i}`));
    expect(fake.writeCalls).toBeLessThan(20);
  });

  it('never fails the caller: a refused write is logged once per minute and counted', async () => {
    let clock = 0;
    const { writer, audit } = setUp({ now: () => clock });
    fake.failWritesWith(403, "Permission 'logging.logEntries.create' denied on resource (or it may not exist).");
    await audit.record({ kind: 'requested', requestId: 'r1', action: 'enable' });
    await writer.flush();
    await audit.record({ kind: 'approved', requestId: 'r1', action: 'enable' });
    await writer.flush();
    clock += 60_000;
    await audit.record({ kind: 'done', requestId: 'r1', action: 'enable' });
    await writer.flush();

    expect(writer.stats()).toEqual({ written: 0, failed: 3, dropped: 0 });
    const warnings = lines.filter((l) => l.severity === 'WARNING');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatchObject({
      err: "Permission 'logging.logEntries.create' denied on resource (or it may not exist).",
      lost: 1,
    });
    expect(warnings[1]).toMatchObject({ lost: 2, failed: 3 });
    expect(String(warnings[0]!.message)).toMatch(/could not write audit events to Cloud Logging/);
    // Recorded all the same: the log lines and Redis.
    expect((await audit.recent(10)).map((e) => e.kind)).toEqual(['done', 'approved', 'requested']);

    fake.failWritesWith(403, 'reset', 0);
    await audit.record({ kind: 'command', action: 'status' });
    await writer.flush();
    expect(auditEntries().map((e) => e.jsonPayload!.action)).toEqual(['status']);
  });

  it('drops the oldest queued events beyond maxPending, and counts them', async () => {
    const logging = createCloudLogging({ endpoint: fake.url, accessToken: FAKE_TOKEN, projectId: 'acme-prod' });
    const writer = new CloudAuditWriter(logging, logger, { project: 'acme-prod', maxPending: 2 });
    for (let i = 0; i < 5; i++) writer.write({ kind: 'command', at: i, detail: `n${i}` });
    await writer.flush();
    expect(auditEntries().map((e) => e.jsonPayload!.detail)).toEqual(['n3', 'n4']);
    expect(writer.stats()).toEqual({ written: 2, failed: 0, dropped: 3 });
  });
});
