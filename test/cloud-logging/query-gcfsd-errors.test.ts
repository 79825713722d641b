import { createCloudLogging } from '../../src/cloud-logging/cloud-logging-client';
import { queryGcfsdErrors } from '../../src/cloud-logging/query-gcfsd-errors';
import { MAX_NODES } from '../../src/cloud-logging/summarize-entries';
import { RemoteError, UsageError } from '../../src/errors';
import { FakeLogging, startFakeLogging } from '../fakes/logging-api';
import { gcfsdEntries, onNode } from './load-entries';

const now = new Date('2024-03-05T13:00:00Z');
const base = { project: 'acme-prod', cluster: 'prod-east', location: 'us-east1', since: '24h', now } as const;

let fake: FakeLogging | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(entries: object[]) {
  fake = await startFakeLogging(entries);
  const client = createCloudLogging({ endpoint: fake.url, accessToken: 'test-token', retryDelayMs: 1 });
  return { fake, client };
}

describe('queryGcfsdErrors', () => {
  it('reads every page, newest first, and summarises each class with its advice', async () => {
    const entries = gcfsdEntries(); // 7 entries: 2 symlink, 1 each of the other four, 1 info line
    const { fake, client } = await start(entries);
    const summary = await queryGcfsdErrors(client, { ...base, pageSize: 3 });

    expect(fake.requests).toHaveLength(3);
    expect(fake.requests.map((r) => r.pageToken)).toEqual([undefined, 'offset-3', 'offset-6']);
    for (const request of fake.requests) {
      expect(request).toMatchObject({
        resourceNames: ['projects/acme-prod'],
        orderBy: 'timestamp desc',
        pageSize: 3,
        filter: summary.filter,
      });
    }
    expect(summary.filter).toContain('resource.labels.cluster_name = "prod-east"');
    expect(summary.explorerUrl).toContain(encodeURIComponent(summary.filter));
    expect(summary).toMatchObject({ entriesRead: 7, truncated: false, unclassified: 1, since: '24h' });
    expect(summary.classes.map((c) => [c.class, c.count])).toEqual([
      ['symlink_rename', 2],
      ['permission_denied', 1],
      ['quota_exceeded', 1],
      ['invalid_argument', 1],
      ['failed_precondition', 1],
    ]);
    const symlink = summary.classes[0]!;
    expect(symlink.firstSeen).toBe('2024-03-05T12:30:09.118520Z');
    expect(symlink.lastSeen).toBe('2024-03-05T12:31:40.551094Z');
    expect(symlink.sample).toMatch(/^renameat2\(/); // the newest entry
    expect(symlink.nodes).toEqual(['gke-prod-east-default-pool-6f1c2a9e-x7k9']);
    expect(symlink.fix).toMatch(/1\.25\.14-gke\.1351000/);
    const quota = summary.classes.find((c) => c.class === 'quota_exceeded')!;
    expect(quota.fix).toContain('Content requests per project per region per minute per region');
    expect(quota.sample).toContain('ResourceExhausted');
  });

  it('stops after maxPages and says the result is truncated', async () => {
    const entries = gcfsdEntries();
    const { fake, client } = await start(entries);
    const summary = await queryGcfsdErrors(client, { ...base, pageSize: 2, maxPages: 2 });
    expect(fake.requests).toHaveLength(2);
    expect(summary.truncated).toBe(true);
    expect(summary.entriesRead).toBe(4);
  });

  it('groups many entries: counts, first and last seen, distinct nodes capped, newest sample', async () => {
    const quota = gcfsdEntries().find((e) => String(e.textPayload ?? '').includes('ResourceExhausted'))!;
    // 30 entries on 15 nodes, newest first (as the API returns them with timestamp desc).
    const entries = Array.from({ length: 30 }, (_, i) =>
      onNode(
        quota,
        `node-${String(i % 15).padStart(2, '0')}`,
        new Date(Date.UTC(2024, 2, 5, 12, 59 - i)).toISOString(),
      ),
    );
    (entries[0] as { textPayload: string }).textPayload += ' newest';
    const { client } = await start(entries);
    const summary = await queryGcfsdErrors(client, base);
    expect(summary.classes).toHaveLength(1);
    const c = summary.classes[0]!;
    expect(c).toMatchObject({ class: 'quota_exceeded', count: 30, nodesTotal: 15 });
    expect(c.nodes).toHaveLength(MAX_NODES);
    expect(c.nodes[0]).toBe('node-00');
    expect(c.firstSeen).toBe('2024-03-05T12:30:00.000Z');
    expect(c.lastSeen).toBe('2024-03-05T12:59:00.000Z');
    expect(c.sample).toMatch(/newest$/);
  });

  it('counts items that are not LogEntries as unclassified instead of failing', async () => {
    const { client } = await start([{ unrelated: true }, ...gcfsdEntries().slice(0, 1)]);
    const summary = await queryGcfsdErrors(client, base);
    expect(summary).toMatchObject({ entriesRead: 2, unclassified: 1 });
    expect(summary.classes.map((c) => c.class)).toEqual(['symlink_rename']);
  });

  it('rejects a cluster name with a quote before any request', async () => {
    const { fake, client } = await start(gcfsdEntries());
    await expect(queryGcfsdErrors(client, { ...base, cluster: 'prod"east' })).rejects.toThrow(UsageError);
    await expect(queryGcfsdErrors(client, { ...base, pageSize: 5000 })).rejects.toThrow(UsageError);
    expect(fake.requests).toHaveLength(0);
  });

  it('names the permission and role on 403', async () => {
    const { fake, client } = await start(gcfsdEntries());
    fake.failWith(403, "Permission 'logging.logEntries.list' denied on resource (or it may not exist).");
    const error = await queryGcfsdErrors(client, base).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as RemoteError).status).toBe(403);
    expect((error as Error).message).toMatch(/missing permission logging\.logEntries\.list on projects\/acme-prod/);
    expect((error as Error).message).toContain('roles/logging.viewer');
    expect(fake.requests).toHaveLength(1); // a 403 is not retried
  });

  it('says the project was not found on 404', async () => {
    const { fake, client } = await start([]);
    fake.failWith(404, 'Project does not exist: acme-prod');
    await expect(queryGcfsdErrors(client, base)).rejects.toThrow('project acme-prod not found: check the project id');
  });

  it('retries a 500 (entries:list is a read) and then succeeds', async () => {
    const { fake, client } = await start(gcfsdEntries());
    fake.failWith(500, 'backend error', 2);
    const summary = await queryGcfsdErrors(client, base);
    expect(summary.entriesRead).toBe(7);
    expect(fake.requests).toHaveLength(3);
  });

  it('reports a 500 that lasts as a RemoteError with the status', async () => {
    const { fake, client } = await start(gcfsdEntries());
    fake.failWith(500, 'backend error');
    const error = await queryGcfsdErrors(client, base).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as RemoteError).status).toBe(500);
    expect((error as Error).message).toContain('backend error');
  });

  it('reports no errors on an empty range', async () => {
    const { client } = await start([]);
    const summary = await queryGcfsdErrors(client, base);
    expect(summary).toMatchObject({ entriesRead: 0, truncated: false, classes: [], unclassified: 0 });
  });
});
