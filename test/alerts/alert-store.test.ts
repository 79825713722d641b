import Redis from 'ioredis';
import { AlertStore } from '../../src/alerts/alert-store';
import { alertRoutes } from '../../src/alerts/alert-routes';
import { AlertState, RecordOutcome } from '../../src/alerts/problem';
import { RemoteError, UsageError } from '../../src/errors';
import { connectRedis, deleteKeys, uniquePrefix } from '../approvals/redis-test-keys';
import { classified } from './sink-entries';

const MINUTE = 60_000;
const WINDOW = 10 * MINUTE;

let redis: Redis;
let prefix: string;
let clock: number;
let store: AlertStore;

const newStore = (connection: Redis = redis, extra: { leaseMs?: number } = {}) =>
  new AlertStore(connection, {
    keyPrefix: prefix,
    windowMs: WINDOW,
    now: () => clock,
    destinationFor: alertRoutes({ 'prod-east': 'CPRODEAST' }, 'CALERTS'),
    ...extra,
  });

/** The alert of an outcome that has one (fails the test otherwise). */
function alertOf(outcome: RecordOutcome): AlertState {
  if (!('alert' in outcome)) throw new Error(`expected an outcome with an alert, got ${outcome.kind}`);
  return outcome.alert;
}

let seq = 0;
const quota = (o: { node?: string; timestamp?: string; cluster?: string } = {}) =>
  classified('quota-exceeded', { insertId: `q-${(seq += 1)}`, ...o });

/** Records and settles, as the subscriber does after a successful hand-over. */
async function recordSettled(entry = quota(), s = store): Promise<RecordOutcome> {
  const outcome = await s.record(entry);
  await s.settle(entry, true);
  return outcome;
}

beforeAll(() => {
  redis = connectRedis();
});
afterAll(async () => {
  await redis.quit();
});
beforeEach(() => {
  prefix = uniquePrefix('alerts');
  clock = Date.now();
  store = newStore();
});
afterEach(async () => {
  await deleteKeys(redis, prefix);
});

describe('AlertStore grouping', () => {
  it('opens one alert per problem and updates it in place within the window', async () => {
    const first = await recordSettled(quota({ node: 'gke-a', timestamp: '2024-03-05T11:02:07.000114Z' }));
    expect(first.kind).toBe('new');
    const alert = alertOf(first);
    expect(alert).toMatchObject({
      key: { project: 'acme-prod', cluster: 'prod-east', class: 'quota_exceeded' },
      location: 'us-east1-b',
      channel: 'CPRODEAST',
      count: 1,
      nodes: ['gke-a'],
      nodesTotal: 1,
      firstSeen: '2024-03-05T11:02:07.000Z',
      lastSeen: '2024-03-05T11:02:07.000Z',
      windowStartedAt: clock,
      windowEndsAt: clock + WINDOW,
      version: 1,
      afterWindow: 0,
    });
    expect(alert.id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(alert.sample.insertId).toBe('q-1');
    expect(alert.sample.quota).toEqual({
      metric: 'Content requests per project per region',
      limit: 'Content requests per project per region per minute per region',
    });
    expect(alert.sample.message.length).toBeLessThanOrEqual(500);

    clock += MINUTE;
    // Out of order: an older entry moves firstSeen, not lastSeen.
    const second = await recordSettled(quota({ node: 'gke-b', timestamp: '2024-03-05T11:00:00Z' }));
    expect(second.kind).toBe('updated');
    expect(alertOf(second)).toMatchObject({
      id: alert.id,
      count: 2,
      nodes: ['gke-a', 'gke-b'],
      nodesTotal: 2,
      firstSeen: '2024-03-05T11:00:00.000Z',
      lastSeen: '2024-03-05T11:02:07.000Z',
      version: 2,
      windowEndsAt: alert.windowEndsAt,
    });

    // Another class, another cluster: other problems, other alerts and channels.
    const pd = await recordSettled(classified('permission-denied', { insertId: 'p-1' }));
    const other = await recordSettled(quota({ cluster: 'staging' }));
    expect(pd.kind).toBe('new');
    expect(other.kind).toBe('new');
    expect(alertOf(other).channel).toBe('CALERTS');
    expect(new Set([alert.id, alertOf(pd).id, alertOf(other).id]).size).toBe(3);
    expect(await store.get(alert.id)).toEqual(alertOf(second));
  });

  it('keeps the first 20 nodes by name and counts every distinct one', async () => {
    for (let i = 0; i < 25; i++) await recordSettled(quota({ node: `gke-node-${i}` }));
    await recordSettled(quota({ node: 'gke-node-3' }));
    const [alert] = await alertsOf();
    expect(alert!.count).toBe(26);
    expect(alert!.nodesTotal).toBe(25);
    expect(alert!.nodes).toEqual(Array.from({ length: 20 }, (_, i) => `gke-node-${i}`));
  });

  it('ignores class none, entries without project or cluster, and problems with no channel', async () => {
    expect(await store.record(classified('gcfsd-info'))).toEqual({ kind: 'ignored', reason: 'not a gcfsd error' });
    expect(await store.record({ ...quota(), cluster: null })).toEqual({
      kind: 'ignored',
      reason: 'the entry names no cluster',
    });
    expect(await store.record({ ...quota(), project: null })).toMatchObject({ kind: 'ignored' });
    expect(await store.record(quota({ cluster: 'Bad"Name' }))).toEqual({
      kind: 'ignored',
      reason: 'malformed cluster name',
    });
    const nowhere = new AlertStore(redis, { keyPrefix: prefix, destinationFor: () => null });
    expect((await nowhere.record(quota({ cluster: 'elsewhere' }))).kind).toBe('ignored');
    expect(await redis.keys(`${prefix}*`)).toEqual([]);
  });

  it('gives exactly one `new` to concurrent replicas', async () => {
    const second = connectRedis();
    try {
      const replicas = [store, newStore(second)];
      const outcomes = await Promise.all(Array.from({ length: 60 }, (_, i) => recordSettled(quota(), replicas[i % 2])));
      expect(outcomes.filter((o) => o.kind === 'new')).toHaveLength(1);
      expect(outcomes.filter((o) => o.kind === 'updated')).toHaveLength(59);
      const [alert] = await alertsOf();
      expect(alert!.count).toBe(60);
      expect(alert!.version).toBe(60);
    } finally {
      await second.quit();
    }
  });
});

describe('AlertStore deduplication', () => {
  it('counts an insertId once, whichever replica sees it again', async () => {
    const entry = quota();
    expect((await recordSettled(entry)).kind).toBe('new');
    expect(await store.record(entry)).toEqual({ kind: 'duplicate' });
    expect(await store.record(structuredClone(entry))).toEqual({ kind: 'duplicate' });
    expect((await store.get((await alertsOf())[0]!.id))!.count).toBe(1);
  });

  it('replays an outcome that never reached Slack instead of losing it', async () => {
    const entry = quota();
    const first = await store.record(entry);
    expect(first.kind).toBe('new');
    // Still being handed over by the first replica: a duplicate for everyone else.
    expect(await store.record(entry)).toEqual({ kind: 'duplicate' });
    // The hand-over failed: the redelivery gets the same `new`, and nothing is counted twice.
    await store.settle(entry, false);
    const replay = await store.record(entry);
    expect(replay).toEqual(first);
    // A replica that crashed never settles: after the lease the outcome is replayed as well.
    clock += MINUTE;
    expect(await store.record(entry)).toEqual(first);
    await store.settle(entry, true);
    expect(await store.record(entry)).toEqual({ kind: 'duplicate' });
    expect(alertOf(replay).count).toBe(1);
  });
});

describe('AlertStore windows', () => {
  it('replies "still happening" once per window after the first, then opens a new alert after a quiet window', async () => {
    const start = clock;
    const opened = alertOf(await recordSettled());
    await store.setMessage(opened.id, { platform: 'slack', space: 'CPRODEAST', message: '1712345678.000100' });

    clock = start + 5 * MINUTE;
    expect(alertOf(await recordSettled()).afterWindow).toBe(0);
    // The first entry after the window opens the next window on the same alert.
    clock = start + 11 * MINUTE;
    const rolled = await recordSettled();
    expect(rolled.kind).toBe('updated');
    expect(alertOf(rolled)).toMatchObject({
      id: opened.id,
      afterWindow: 1,
      windowStartedAt: clock,
      windowEndsAt: clock + WINDOW,
    });
    clock = start + 15 * MINUTE;
    expect(alertOf(await recordSettled()).afterWindow).toBe(2);

    clock = start + 22 * MINUTE;
    const still = await recordSettled();
    expect(still).toMatchObject({ kind: 'still_happening', count: 2 });
    expect(alertOf(still)).toMatchObject({
      id: opened.id,
      messageTs: '1712345678.000100',
      messageChannel: 'CPRODEAST',
      count: 5,
      afterWindow: 3,
      windowStartedAt: clock,
    });
    await store.markReported(opened.id, 2);
    expect((await store.get(opened.id))!.afterWindow).toBe(1);
    clock = start + 25 * MINUTE;
    expect((await recordSettled()).kind).toBe('updated');

    // Quiet for a whole window after the current one: the problem is back, a new alert.
    clock = start + 22 * MINUTE + 2 * WINDOW;
    const back = await recordSettled();
    expect(back.kind).toBe('new');
    expect(alertOf(back).id).not.toBe(opened.id);
    expect(alertOf(back).count).toBe(1);
  });
});

describe('AlertStore mute', () => {
  it('mutes the problem, not just the alert, until the time is up', async () => {
    const opened = alertOf(await recordSettled());
    const muted = await store.mute(opened.id, 60 * MINUTE);
    expect(muted).toMatchObject({ id: opened.id, mutedUntil: clock + 60 * MINUTE, version: 2 });

    clock += MINUTE;
    const outcome = await recordSettled();
    expect(outcome).toEqual({ kind: 'muted', alert: muted });
    // Other problems still alert.
    expect((await recordSettled(classified('permission-denied', { insertId: 'pd-m' }))).kind).toBe('new');

    // Past the mute (and a quiet window), a still-burning problem alerts again.
    clock += 60 * MINUTE;
    const again = await recordSettled();
    expect(again.kind).toBe('new');
    expect(alertOf(again).id).not.toBe(opened.id);
  });

  it('refuses ids and durations it does not issue', async () => {
    expect(await store.mute('../../etc', MINUTE)).toBeNull();
    expect(await store.mute('AAAAAAAAAAAAAAAAAAAAAA', MINUTE)).toBeNull();
    const opened = alertOf(await recordSettled());
    await expect(store.mute(opened.id, 0)).rejects.toBeInstanceOf(UsageError);
    await expect(store.mute(opened.id, 1e12)).rejects.toBeInstanceOf(UsageError);
  });
});

describe('AlertStore records', () => {
  it('validates ids and Slack references, and never trusts what it reads back', async () => {
    expect(await store.get('x')).toBeNull();
    expect(await store.get('no such alert 123')).toBeNull();
    expect(await store.get('AAAAAAAAAAAAAAAAAAAAAA')).toBeNull();
    const opened = alertOf(await recordSettled());
    await expect(
      store.setMessage(opened.id, { platform: 'slack', space: 'C1 2', message: '1.2' }),
    ).rejects.toBeInstanceOf(UsageError);
    await expect(
      store.setMessage(opened.id, { platform: 'slack', space: 'C123', message: 'now' }),
    ).rejects.toBeInstanceOf(UsageError);
    await expect(store.setMessage('x', { platform: 'slack', space: 'C123', message: '1.2' })).rejects.toBeInstanceOf(
      UsageError,
    );
    await expect(store.markReported(opened.id, -1)).rejects.toBeInstanceOf(UsageError);
    // Gone alerts: nothing to record.
    await store.setMessage('AAAAAAAAAAAAAAAAAAAAAA', { platform: 'slack', space: 'C123', message: '1.2' });
    await store.markReported('AAAAAAAAAAAAAAAAAAAAAA', 1);

    await redis.hset(`${prefix}alert:${opened.id}`, 'count', 'lots');
    await expect(store.get(opened.id)).rejects.toBeInstanceOf(RemoteError);
    await redis.hset(`${prefix}alert:${opened.id}`, 'count', '1', 'sample', '{"message": 5}');
    await expect(store.get(opened.id)).rejects.toThrow('unreadable alert record in Redis (sample)');
  });

  it('rejects bad options', () => {
    expect(() => new AlertStore(redis, { keyPrefix: '', destinationFor: alertRoutes({}, 'C0ALERTS1') })).toThrow(
      UsageError,
    );
    expect(
      () => new AlertStore(redis, { keyPrefix: 'p:', windowMs: -1, destinationFor: alertRoutes({}, 'C0ALERTS1') }),
    ).toThrow(UsageError);
  });

  it('reports a Redis outage as a RemoteError', async () => {
    const down = new Redis({
      host: '127.0.0.1',
      port: 1,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    });
    try {
      await expect(newStore(down).record(quota())).rejects.toBeInstanceOf(RemoteError);
    } finally {
      down.disconnect();
    }
  });
});

/** Every alert under the test's prefix. */
async function alertsOf(): Promise<AlertState[]> {
  const keys = (await redis.keys(`${prefix}alert:*`)).filter((k) => !k.endsWith(':nodes'));
  return Promise.all(keys.map(async (k) => (await store.get(k.slice(`${prefix}alert:`.length)))!));
}

describe('AlertStore index of alerts (the App Home reads it)', () => {
  it('stays bounded with no one reading it: a new alert drops ids older than any alert can live', async () => {
    const first = alertOf(await recordSettled(quota({ cluster: 'prod-east' })));
    expect(await redis.zscore(`${prefix}open`, first.id)).not.toBeNull();
    // Past the longest mute (30 days) plus an alert's own life (here the 24 h dedup TTL).
    clock += 31 * 24 * 60 * MINUTE;
    const second = alertOf(await recordSettled(quota({ cluster: 'prod-west' })));
    expect(await redis.zrange(`${prefix}open`, '0', '-1')).toEqual([second.id]);
  });
});
