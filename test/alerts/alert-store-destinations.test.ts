/**
 * One problem routed to a Slack channel and a Google Chat space: one alert per destination, each
 * with its own message, counting every entry of the problem once, so both show the same counts;
 * deduplication and replays per destination; one mute for the problem everywhere; and the Slack
 * alerts in Redis from before the second platform (their keys unchanged) still updating.
 */
import Redis from 'ioredis';
import { alertRoutes } from '../../src/alerts/alert-routes';
import { AlertStore } from '../../src/alerts/alert-store';
import { entryProblem } from '../../src/alerts/entry-problem';
import { AlertState, RecordOutcome } from '../../src/alerts/problem';
import { UsageError } from '../../src/errors';
import { connectRedis, deleteKeys, uniquePrefix } from '../approvals/redis-test-keys';
import { classified } from './sink-entries';

const MINUTE = 60_000;
const WINDOW = 10 * MINUTE;
const SLACK = { platform: 'slack', space: 'C0ALERTS01' };
const CHAT = { platform: 'gchat', space: 'spaces/AAAAalerts' };

let redis: Redis;
let prefix: string;
let clock: number;

const storeOn = (connection: Redis, fallback = 'C0ALERTS01+spaces/AAAAalerts') =>
  new AlertStore(connection, {
    keyPrefix: prefix,
    windowMs: WINDOW,
    now: () => clock,
    destinationFor: alertRoutes({}, fallback),
  });

let seq = 0;
const quota = (o: { node?: string } = {}) => classified('quota-exceeded', { insertId: `both-${(seq += 1)}`, ...o });

/** Records and settles, as the subscriber does after every outcome was handed over. */
async function recordSettled(store: AlertStore, entry = quota()): Promise<RecordOutcome[]> {
  const outcomes = await store.recordAll(entry);
  await store.settle(entry, true);
  return outcomes;
}

function alertOf(outcome: RecordOutcome | undefined): AlertState {
  if (!outcome || !('alert' in outcome)) throw new Error(`expected an outcome with an alert, got ${outcome?.kind}`);
  return outcome.alert;
}

/** The alert of each destination, by platform. */
async function alertsByPlatform(store: AlertStore): Promise<Record<string, AlertState>> {
  const keys = (await redis.keys(`${prefix}alert:*`)).filter((k) => !k.endsWith(':nodes'));
  const alerts = await Promise.all(keys.map((k) => store.get(k.slice(`${prefix}alert:`.length))));
  return Object.fromEntries(alerts.map((a) => [a!.destination.platform, a!]));
}

beforeAll(() => {
  redis = connectRedis();
});
afterAll(async () => {
  await redis.quit();
});
beforeEach(() => {
  prefix = uniquePrefix('alert-store-destinations');
  clock = Date.now();
});
afterEach(async () => {
  await deleteKeys(redis, prefix);
});

describe('a problem routed to a Slack channel and a Chat space', () => {
  it('has one alert per destination, and a storm from concurrent replicas leaves both with the same counts', async () => {
    const second = connectRedis();
    try {
      const replicas = [storeOn(redis), storeOn(second)];
      const outcomes = (
        await Promise.all(
          Array.from({ length: 60 }, (_, i) => recordSettled(replicas[i % 2]!, quota({ node: `gke-node-${i % 25}` }))),
        )
      ).flat();
      // Exactly one replica is told to post each destination's alert.
      const fresh = outcomes.filter((o) => o.kind === 'new').map((o) => alertOf(o).destination);
      expect(fresh.sort((a, b) => a.platform.localeCompare(b.platform))).toEqual([CHAT, SLACK]);
      expect(outcomes.filter((o) => o.kind === 'updated')).toHaveLength(118);

      const alerts = await alertsByPlatform(replicas[0]!);
      expect(Object.keys(alerts).sort()).toEqual(['gchat', 'slack']);
      expect(alerts.slack!.id).not.toBe(alerts.gchat!.id);
      expect(alerts.slack!.destination).toEqual(SLACK);
      expect(alerts.gchat!.destination).toEqual(CHAT);
      for (const alert of Object.values(alerts))
        expect(alert).toMatchObject({ count: 60, nodesTotal: 25, version: 60, afterWindow: 0 });
      expect(alerts.gchat!.nodes).toEqual(alerts.slack!.nodes);
    } finally {
      await second.quit();
    }
  });

  it('keeps a message per destination: each alert records its own', async () => {
    const store = storeOn(redis);
    const [slack, chat] = (await recordSettled(store)).map(alertOf);
    await store.setMessage(slack!.id, { ...SLACK, message: '1712345678.000100' });
    await store.setMessage(chat!.id, { ...CHAT, message: 'spaces/AAAAalerts/messages/client-abc' });
    const updated = (await recordSettled(store)).map(alertOf);
    expect(updated.map((a) => a.message?.message)).toEqual([
      '1712345678.000100',
      'spaces/AAAAalerts/messages/client-abc',
    ]);
    expect(updated.map((a) => a.count)).toEqual([2, 2]);
  });

  it('counts an entry once per destination, and replays only the destination whose hand-over failed', async () => {
    const store = storeOn(redis);
    await recordSettled(store);
    const entry = quota();
    const first = await store.recordAll(entry);
    expect(first.map((o) => o.kind)).toEqual(['updated', 'updated']);
    // Slack's outcome reached the outbox, Chat's did not: the redelivery replays Chat's only.
    await store.settle(entry, true, 'slack');
    await store.settle(entry, false);
    const replay = await store.recordAll(entry);
    expect(replay[0]).toEqual({ kind: 'duplicate' });
    expect(replay[1]).toEqual(first[1]);
    await store.settle(entry, true, 'gchat');
    expect(await store.recordAll(structuredClone(entry))).toEqual([{ kind: 'duplicate' }, { kind: 'duplicate' }]);
    const alerts = await alertsByPlatform(store);
    expect([alerts.slack!.count, alerts.gchat!.count]).toEqual([2, 2]);
  });

  it('replies "still happening" on both, with the same count', async () => {
    const store = storeOn(redis);
    const start = clock;
    await recordSettled(store);
    // 11 min opens the second window, 15 min is counted in it; 22 min opens the third, reporting the second.
    for (const at of [11, 15]) {
      clock = start + at * MINUTE;
      await recordSettled(store);
    }
    clock = start + 22 * MINUTE;
    const due = await recordSettled(store);
    expect(due.map((o) => o.kind)).toEqual(['still_happening', 'still_happening']);
    expect(due.map((o) => ('count' in o ? o.count : 0))).toEqual([2, 2]);
    expect(new Set(due.map((o) => alertOf(o).windowStartedAt))).toEqual(new Set([clock]));
  });

  it('mutes the problem everywhere from either platform, and says so on both alerts', async () => {
    const store = storeOn(redis);
    const [slack, chat] = (await recordSettled(store)).map(alertOf);
    const muted = await store.muteProblem(chat!.id, 60 * MINUTE);
    expect(muted!.alert).toMatchObject({ id: chat!.id, mutedUntil: clock + 60 * MINUTE, version: 2 });
    expect(muted!.alsoMuted).toEqual([slack!.id]);
    expect(await store.get(slack!.id)).toMatchObject({ mutedUntil: clock + 60 * MINUTE, version: 2 });

    clock += MINUTE;
    const outcomes = await recordSettled(store);
    expect(outcomes.map((o) => o.kind)).toEqual(['muted', 'muted']);
    expect(outcomes.map((o) => alertOf(o).id)).toEqual([slack!.id, chat!.id]);
    // mute() (one alert's answer) mutes the whole problem too.
    clock += 60 * MINUTE;
    const [slackAgain] = (await recordSettled(store)).map(alertOf);
    expect(await store.mute(slackAgain!.id, MINUTE)).toMatchObject({ id: slackAgain!.id });
    clock += 1;
    expect((await store.recordAll(quota())).map((o) => o.kind)).toEqual(['muted', 'muted']);
  });

  it('refuses record() for a problem with two destinations before writing anything', async () => {
    const store = storeOn(redis);
    await expect(store.record(quota())).rejects.toBeInstanceOf(UsageError);
    expect(await redis.keys(`${prefix}*`)).toEqual([]);
    // A caller's own routes: two destinations on one platform are refused too.
    const twice = new AlertStore(redis, {
      keyPrefix: prefix,
      destinationFor: () => [SLACK, { ...SLACK, space: 'C0OTHER01' }],
    });
    await expect(twice.recordAll(quota())).rejects.toThrow('routed to two slack destinations');
  });
});

describe('Slack alerts from before Google Chat', () => {
  it('keep their keys: the problem pointer, the dedup marker and the candidate id have no suffix; Chat keys do', async () => {
    const entry = quota();
    const problem = entryProblem(entry, clock);
    if ('ignored' in problem) throw new Error('the entry raises an alert');
    const [slack, chat] = (await recordSettled(storeOn(redis), entry)).map(alertOf);
    expect(await redis.get(`${prefix}problem:${problem.keyHash}`)).toBe(slack!.id);
    expect(await redis.get(`${prefix}problem:${problem.keyHash}:gchat`)).toBe(chat!.id);
    expect(await redis.get(`${prefix}seen:${problem.dedupId}`)).toBe('done');
    expect(await redis.get(`${prefix}seen:${problem.dedupId}:gchat`)).toBe('done');
    // The id the previous version would have opened this alert with.
    const { createHash } = await import('node:crypto');
    const legacyId = createHash('sha256').update(`${problem.keyHash}:${clock}`).digest('base64url').slice(0, 22);
    expect(slack!.id).toBe(legacyId);
  });

  it('go on updating after Chat is added to the route, and a pending entry of the old version replays once', async () => {
    const first = quota();
    const problem = entryProblem(first, clock);
    if ('ignored' in problem) throw new Error('the entry raises an alert');
    // An alert as the version before the chat seam wrote it: a bare `channel`, no destination.
    const oldId = 'OldSlackAlert_000000001';
    await redis.hset(`${prefix}alert:${oldId}`, {
      id: oldId,
      keyHash: problem.keyHash,
      project: 'acme-prod',
      cluster: 'prod-east',
      class: 'quota_exceeded',
      location: 'us-east1-b',
      channel: 'C0ALERTS01',
      count: 7,
      nodes: '',
      nodesTotal: 0,
      firstSeen: problem.seen,
      firstSeenMs: problem.seenMs,
      lastSeen: problem.seen,
      lastSeenMs: problem.seenMs,
      sample: JSON.stringify(problem.sample),
      openedAt: clock,
      windowStartedAt: clock,
      windowEndsAt: clock + WINDOW,
      messageChannel: 'C0ALERTS01',
      messageTs: '1700000000.000100',
      version: 7,
      afterWindow: 0,
    });
    await redis.set(`${prefix}problem:${problem.keyHash}`, oldId, 'PX', WINDOW * 3);
    // Its replica died while handing `first` over (lease over): the marker says what to replay.
    await redis.set(`${prefix}seen:${problem.dedupId}`, `p|0|updated|${oldId}|0`, 'PX', WINDOW);

    clock += MINUTE;
    const store = storeOn(redis);
    const replayed = await store.recordAll(first);
    // Slack: the old outcome again, nothing counted twice; Chat: this entry opens its alert.
    expect(replayed[0]).toMatchObject({ kind: 'updated', alert: { id: oldId, count: 7 } });
    expect(replayed[1]).toMatchObject({ kind: 'new', alert: { destination: CHAT, count: 1 } });
    await store.settle(first, true);

    const next = (await recordSettled(store)).map(alertOf);
    expect(next[0]).toMatchObject({
      id: oldId,
      count: 8,
      destination: SLACK,
      message: { platform: 'slack', space: 'C0ALERTS01', message: '1700000000.000100' },
    });
    expect(next[1]).toMatchObject({ count: 2, destination: CHAT });
    expect(next[1]!.message).toBeUndefined();
  });
});
