/** readEntries: the library's getEntries against the Logging fake over a socket, one page per call, within bounds. */
import type { Logging } from '@google-cloud/logging';
import { createCloudLogging } from '../../src/cloud-logging/cloud-logging-client';
import { readEntries } from '../../src/cloud-logging/read-entries';
import { RemoteError, UsageError } from '../../src/errors';
import { FAKE_TOKEN } from '../fakes/http-fake';
import { FakeLogging, startFakeLogging } from '../fakes/logging-api';
import { freePort } from '../support/free-port';

const FILTER = 'timestamp >= "2024-03-05T12:00:00Z" AND log_id("events")';

const event = (i: number) => ({
  logName: 'projects/acme-prod/logs/events',
  resource: { type: 'k8s_pod', labels: { cluster_name: 'prod-east', pod_name: `web-${i}` } },
  timestamp: `2024-03-05T12:${String(59 - i).padStart(2, '0')}:01.000000123Z`,
  severity: 'INFO',
  insertId: `e${i}`,
  jsonPayload: { reason: 'Pulled', message: `Successfully pulled image "web:${i}" in 1.5s`, count: i },
});

let fake: FakeLogging;
let logging: Logging;
async function start(entries: object[]) {
  fake = await startFakeLogging(entries);
  logging = createCloudLogging({ endpoint: fake.url, accessToken: FAKE_TOKEN, retryDelayMs: 1 });
}
afterEach(async () => {
  await fake?.close();
});

async function readAll(query: Partial<Parameters<typeof readEntries>[1]> = {}) {
  const seen: Array<Record<string, unknown>> = [];
  const read = await readEntries(logging, { project: 'acme-prod', filter: FILTER, ...query }, (e) => seen.push(e));
  return { read, seen };
}

describe('readEntries', () => {
  it('pages itself with the filter as given and hands on REST JSON entries', async () => {
    await start(Array.from({ length: 5 }, (_, i) => event(i)));
    const { read, seen } = await readAll({ pageSize: 2 });
    expect(read).toEqual({ entriesRead: 5, pages: 3, truncated: false });
    expect(fake.requests.map((r) => r.pageToken)).toEqual([undefined, 'offset-2', 'offset-4']);
    // The filter names timestamp, so the library added no 24-hour window of its own.
    expect(fake.requests.every((r) => r.filter === FILTER && r.orderBy === 'timestamp desc')).toBe(true);
    expect(fake.requests[0]).toMatchObject({ resourceNames: ['projects/acme-prod'], pageSize: 2 });
    // Served with numeric severities (the library asks for them): read back as names; nanoseconds kept.
    expect(seen[0]).toEqual(event(0));
  });

  it('stops at maxEntries, asks for no more than it needs, and says it was cut', async () => {
    await start(Array.from({ length: 10 }, (_, i) => event(i)));
    const { read, seen } = await readAll({ pageSize: 4, maxEntries: 6 });
    expect(seen.map((e) => e.insertId)).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5']);
    expect(fake.requests.map((r) => r.pageSize)).toEqual([4, 2]);
    expect(read).toEqual({ entriesRead: 6, pages: 2, truncated: true });
  });

  it('stops at maxPages and says it was cut', async () => {
    await start(Array.from({ length: 10 }, (_, i) => event(i)));
    const { read } = await readAll({ pageSize: 3, maxPages: 2 });
    expect(read).toEqual({ entriesRead: 6, pages: 2, truncated: true });
  });

  it('refuses a filter without a time bound, and bad bounds, before any request', async () => {
    await start([event(0)]);
    await expect(readAll({ filter: 'log_id("events")' })).rejects.toThrow(/must bound timestamp/);
    await expect(readAll({ maxEntries: 0 })).rejects.toThrow(UsageError);
    await expect(readAll({ pageSize: 1001 })).rejects.toThrow(/invalid page bounds/);
    expect(fake.requests).toHaveLength(0);
  });

  it('answers a 403 with the permission and role, in Google words, not its JSON', async () => {
    await start([event(0)]);
    fake.failWith(403, "Permission 'logging.logEntries.list' denied on resource (or it may not exist).");
    const error = (await readAll().catch((e: unknown) => e)) as RemoteError;
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.message).toBe(
      "cannot read the logs of project acme-prod: missing permission logging.logEntries.list on projects/acme-prod (Cloud Logging API: Permission 'logging.logEntries.list' denied on resource (or it may not exist).); grant roles/logging.viewer (it includes logging.logEntries.list)",
    );
  });

  it('says Cloud Logging is unreachable when nothing listens', async () => {
    await start([]);
    logging = createCloudLogging({
      endpoint: `http://127.0.0.1:${await freePort()}/`,
      accessToken: FAKE_TOKEN,
      retryDelayMs: 1,
    });
    const error = (await readAll().catch((e: unknown) => e)) as RemoteError;
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.message).toMatch(
      /^cannot read the logs of project acme-prod: Cloud Logging API unreachable: .*ECONNREFUSED/,
    );
  });
});
