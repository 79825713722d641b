/** The Redis parts of the App Home: the store indexes and change hooks, who opened the Home, coalesced refreshes. */
import { Queue } from 'bullmq';
import { principalId } from '../../../../src/chat/principal-id';
import { TEST_REDIS } from '../../../support/redis-url';
import Redis from 'ioredis';
import { AlertStore } from '../../../../src/alerts/alert-store';
import { alertRoutes } from '../../../../src/alerts/alert-routes';
import { ApprovalStore } from '../../../../src/approvals/approval-store';
import { UsageError } from '../../../../src/errors';
import { HomeRefresher } from '../../../../adapters/slack/home/home-refresher';
import { HomeViewers } from '../../../../adapters/slack/home/home-viewers';
import { createLogger } from '../../../../src/logging/logger';
import { JobQueue } from '../../../../src/queue/job-queue';
import { classified } from '../../../alerts/sink-entries';
import { connectRedis, deleteKeys, uniquePrefix } from '../../../approvals/redis-test-keys';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let redis: Redis;
let prefix: string;
let clock: number;

beforeAll(() => {
  redis = connectRedis();
});
afterAll(async () => {
  await redis.quit();
});
beforeEach(() => {
  prefix = uniquePrefix('home');
  clock = Date.now();
});
afterEach(async () => {
  await deleteKeys(redis, prefix);
});

let seq = 0;
const entry = (fixture: 'quota-exceeded' | 'permission-denied', cluster = 'prod-east') =>
  classified(fixture, { insertId: `h-${(seq += 1)}`, cluster });

describe('AlertStore.listOpen and its change hook', () => {
  const newStore = (onChange?: () => void) =>
    new AlertStore(redis, {
      keyPrefix: prefix,
      windowMs: 10 * MINUTE,
      now: () => clock,
      destinationFor: alertRoutes({}, 'CALERTS'),
      ...(onChange ? { onChange } : {}),
    });

  it('lists stored alerts, most recently active first, and tells the Home when one opens or is muted', async () => {
    let changes = 0;
    const store = newStore(() => (changes += 1));
    const quota = await store.record(entry('quota-exceeded'));
    clock += 1000;
    const denied = await store.record(entry('permission-denied'));
    expect([quota.kind, denied.kind]).toEqual(['new', 'new']);
    expect(changes).toBe(2);
    expect((await store.listOpen()).map((a) => a.key.class)).toEqual(['permission_denied', 'quota_exceeded']);

    // More entries of an open problem update it (no Home refresh) and make it the most recent.
    clock += 1000;
    expect((await store.record(entry('quota-exceeded'))).kind).toBe('updated');
    expect(changes).toBe(2);
    const open = await store.listOpen();
    expect(open.map((a) => [a.key.class, a.count])).toEqual([
      ['quota_exceeded', 2],
      ['permission_denied', 1],
    ]);

    const muted = await store.mute(open[0]!.id, 3_600_000);
    expect(muted?.mutedUntil).toBe(clock + 3_600_000);
    expect(changes).toBe(3);
    expect((await store.listOpen())[0]!.mutedUntil).toBe(clock + 3_600_000);
  });

  it('drops alerts that have expired from the index', async () => {
    const store = newStore();
    const first = await store.record(entry('quota-exceeded'));
    await store.record(entry('permission-denied'));
    if (!('alert' in first)) throw new Error('expected an alert');
    await redis.del(`${prefix}alert:${first.alert.id}`);
    expect((await store.listOpen()).map((a) => a.key.class)).toEqual(['permission_denied']);
    expect(await redis.zcard(`${prefix}open`)).toBe(1);
  });
});

describe('ApprovalStore change hook', () => {
  it('tells the Home when a request is created, decided and finished, not on progress', async () => {
    let changes = 0;
    const store = new ApprovalStore(redis, { keyPrefix: prefix, now: () => clock, onChange: () => (changes += 1) });
    const request = await store.create({
      action: 'enable',
      target: { project: 'acme-prod', location: 'us-east1', cluster: 'prod-1', pool: 'web' },
      change: { from: false, to: true, poolsAffected: ['web'], notes: [] },
      requestedBy: principalId('slack', 'UREQUESTER'),
      conversation: { platform: 'slack', space: 'COPS' },
    });
    expect(changes).toBe(1);
    expect((await store.listPending()).map((r) => r.id)).toEqual([request.id]);
    await store.decide(request.id, 'approved', principalId('slack', 'UAPPROVER'));
    expect(changes).toBe(2);
    expect(await store.listPending()).toEqual([]);
    await store.update(request.id, { state: 'running', progress: 'operation started' });
    await store.update(request.id, { progress: 'still running' });
    expect(changes).toBe(2);
    await store.update(request.id, { state: 'done', result: 'enabled' });
    expect(changes).toBe(3);
  });
});

describe('HomeViewers', () => {
  it('remembers who opened the Home for 7 days, most recent first', async () => {
    const viewers = new HomeViewers(redis, { keyPrefix: prefix, now: () => clock });
    await viewers.opened('UOLD00001');
    clock += 6 * DAY;
    await viewers.opened('UNEW00001');
    expect(await viewers.recent()).toEqual(['UNEW00001', 'UOLD00001']);
    clock += 2 * DAY;
    expect(await viewers.recent()).toEqual(['UNEW00001']);
  });

  it('keeps the page each user is on, 0 by default, and refuses what is not a user or a page', async () => {
    const viewers = new HomeViewers(redis, { keyPrefix: prefix, now: () => clock });
    expect(await viewers.pageOf('UPAGE0001')).toBe(0);
    await viewers.setPage('UPAGE0001', 3);
    expect(await viewers.pageOf('UPAGE0001')).toBe(3);
    expect(await viewers.pageOf('UOTHER001')).toBe(0);
    await expect(viewers.opened('U1*')).rejects.toThrow(UsageError);
    await expect(viewers.setPage('UPAGE0001', 1.5)).rejects.toThrow(UsageError);
    await expect(viewers.setPage('UPAGE0001', 5000)).rejects.toThrow(UsageError);
  });
});

describe('HomeRefresher', () => {
  it('queues one waiting refresh per user however many opens and state changes come in', async () => {
    const connection = new Redis({ ...TEST_REDIS, maxRetriesPerRequest: null });
    // No worker: every job stays waiting, so the count is exact.
    const queue = new Queue('jobs', { connection, prefix: `${prefix}bull` });
    const viewers = new HomeViewers(redis, { keyPrefix: prefix, now: () => clock });
    const refresher = new HomeRefresher(viewers, new JobQueue(queue, connection), createLogger({ level: 'silent' }));
    try {
      await connection.ping();
      await Promise.all([refresher.opened('UALICE001'), refresher.opened('UALICE001'), refresher.opened('UBOB00001')]);
      refresher.stateChanged();
      refresher.stateChanged();
      await refresher.settled();
      await refresher.showPage('UALICE001', 2);
      const waiting = await queue.getWaiting();
      expect(waiting.map((j) => [j.name, j.data.userId]).sort()).toEqual([
        ['home', 'UALICE001'],
        ['home', 'UBOB00001'],
      ]);
      expect(await viewers.pageOf('UALICE001')).toBe(2);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
      await connection.quit();
    }
  });
});
