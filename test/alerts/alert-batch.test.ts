/**
 * Entries recorded together (issue 14): the recordAll calls of one turn share one script call, in
 * order, against the real Redis; and a subscriber's batch against pstest: a failed script call
 * nacks every message of the batch, and their redelivery counts each entry once.
 */
import { PubSub } from '@google-cloud/pubsub';
import Redis from 'ioredis';
import { alertRoutes } from '../../src/alerts/alert-routes';
import { AlertStore } from '../../src/alerts/alert-store';
import { AlertSubscriber } from '../../src/alerts/alert-subscriber';
import { AlertState, RecordOutcome } from '../../src/alerts/problem';
import { runScript } from '../../src/alerts/run-script';
import { RemoteError } from '../../src/errors';
import { createLogger } from '../../src/logging/logger';
import { connectRedis, deleteKeys, uniquePrefix } from '../approvals/redis-test-keys';
import { Pstest, startPstest } from '../support/pstest';
import { classified, sinkEntry } from './sink-entries';

jest.setTimeout(60_000);

let redis: Redis;
let prefix: string;
let clock: number;

const newStore = (connection: Redis = redis, destinations = 'CALERTS') =>
  new AlertStore(connection, {
    keyPrefix: prefix,
    leaseMs: 60_000,
    now: () => clock,
    destinationFor: alertRoutes({}, destinations),
  });
let seq = 0;
const quota = () => classified('quota-exceeded', { insertId: `b-${(seq += 1)}`, node: `gke-n-${seq % 3}` });
const kinds = (outcomes: RecordOutcome[][]) => outcomes.map((o) => o.map((one) => one.kind).join('+'));
const alertOf = (outcome: RecordOutcome): AlertState => {
  if (!('alert' in outcome)) throw new Error(`expected an outcome with an alert, got ${outcome.kind}`);
  return outcome.alert;
};

beforeAll(() => {
  redis = connectRedis();
});
afterAll(async () => {
  await redis.quit();
});
beforeEach(() => {
  prefix = uniquePrefix('alert-batch');
  clock = Date.now();
});
afterEach(async () => {
  await deleteKeys(redis, prefix);
});

describe('AlertStore: recordAll calls of one turn', () => {
  it('share one script call, in order: an entry given twice is a duplicate the second time', async () => {
    const connection = connectRedis();
    try {
      const store = newStore(connection);
      const scripts = jest.spyOn(connection, 'evalsha');
      const [a, b, c] = [quota(), quota(), quota()];
      const outcomes = await Promise.all([a, b, a, c, structuredClone(b)].map((e) => store.recordAll(e)));
      expect(scripts).toHaveBeenCalledTimes(1);
      expect(kinds(outcomes)).toEqual(['new', 'updated', 'duplicate', 'updated', 'duplicate']);
      // One state per alert, as the batch left it.
      expect(alertOf(outcomes[0]![0]!)).toBe(alertOf(outcomes[3]![0]!));
      expect(alertOf(outcomes[0]![0]!)).toMatchObject({ count: 3, version: 3, nodesTotal: 3 });
      expect((await store.get(alertOf(outcomes[0]![0]!).id))!.count).toBe(3);
    } finally {
      await connection.quit();
    }
  });

  it('a failed script call rejects every entry of the call, and records none of them', async () => {
    const connection = connectRedis();
    try {
      const store = newStore(connection);
      jest.spyOn(connection, 'evalsha').mockRejectedValueOnce(new Error('Connection is closed'));
      const entries = [quota(), quota(), quota()];
      const settled = await Promise.allSettled(entries.map((e) => store.recordAll(e)));
      expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
      for (const s of settled) expect((s as PromiseRejectedResult).reason).toBeInstanceOf(RemoteError);
      expect(await store.listOpen()).toEqual([]);
      // Retried (the redelivery), every entry counts once.
      const again = await Promise.all(entries.map((e) => store.recordAll(e)));
      expect(kinds(again)).toEqual(['new', 'updated', 'updated']);
      expect((await store.listOpen())[0]!.count).toBe(3);
    } finally {
      await connection.quit();
    }
  });

  it('replays the outcomes of a batch never settled, once its lease ran out; settled, they are duplicates', async () => {
    const store = newStore(redis, 'CALERTS+spaces/ALERTS');
    const entries = [quota(), quota()];
    const first = await Promise.all(entries.map((e) => store.recordAll(e)));
    expect(kinds(first)).toEqual(['new+new', 'updated+updated']);
    // While the lease runs, the replica holding them may still hand them over: duplicates.
    expect(kinds(await Promise.all(entries.map((e) => store.recordAll(e))))).toEqual([
      'duplicate+duplicate',
      'duplicate+duplicate',
    ]);
    clock += 60_001;
    const replayed = await Promise.all(entries.map((e) => store.recordAll(e)));
    expect(kinds(replayed)).toEqual(['new+new', 'updated+updated']);
    expect(replayed.flat().map((o) => alertOf(o).id)).toEqual(first.flat().map((o) => alertOf(o).id));
    for (const alert of await store.listOpen()) expect(alert.count).toBe(2);
    // One destination handed over, the other failed: only the failed one replays, at once.
    await store.settleMany([
      ...entries.map((entry) => ({ entry, handled: true, platform: 'slack' })),
      ...entries.map((entry) => ({ entry, handled: false })),
    ]);
    const afterSettle = await Promise.all(entries.map((e) => store.recordAll(e)));
    expect(kinds(afterSettle)).toEqual(['duplicate+new', 'duplicate+updated']);
    await store.settleMany(entries.map((entry) => ({ entry, handled: true })));
    expect(kinds(await Promise.all(entries.map((e) => store.recordAll(e))))).toEqual([
      'duplicate+duplicate',
      'duplicate+duplicate',
    ]);
    for (const alert of await store.listOpen()) expect(alert.count).toBe(2);
  });

  it('recordBatch answers each entry with the id that settles it, in one call for the batch', async () => {
    const connection = connectRedis();
    try {
      const store = newStore(connection, 'CALERTS+spaces/ALERTS');
      const scripts = jest.spyOn(connection, 'evalsha');
      const ignored = classified('gcfsd-info', { insertId: 'b-info' });
      const entries = [quota(), ignored, quota()];
      const recorded = await store.recordBatch(entries);
      expect(scripts).toHaveBeenCalledTimes(1);
      expect(recorded.map((r) => ('outcomes' in r ? r.outcomes.map((o) => o.kind).join('+') : 'error'))).toEqual([
        'new+new',
        'ignored',
        'updated+updated',
      ]);
      const ids = recorded.map((r) => ('outcomes' in r ? r.dedupId : undefined));
      expect(ids[1]).toBeUndefined();
      expect(ids[0]).toEqual(expect.any(String));
      expect(ids[0]).not.toBe(ids[2]);
      // Settled by those ids alone (the entries given are other ones, so only the ids can name the
      // markers): past the lease, a redelivery is a duplicate on the settled destination only.
      const others = [quota(), quota()];
      await store.settleMany([
        { entry: others[0]!, handled: true, platform: 'slack', dedupId: ids[0] },
        { entry: others[1]!, handled: true, platform: 'slack', dedupId: ids[2] },
      ]);
      clock += 60_001;
      expect(kinds(await Promise.all([entries[0]!, entries[2]!].map((e) => store.recordAll(e))))).toEqual([
        'duplicate+new',
        'duplicate+updated',
      ]);
    } finally {
      await connection.quit();
    }
  });

  it('fails only the entries of a misrouted problem, not the rest of the call', async () => {
    const store = new AlertStore(redis, {
      keyPrefix: prefix,
      destinationFor: (key) =>
        key.cluster === 'twice'
          ? [
              { platform: 'slack', space: 'CALERTS' },
              { platform: 'slack', space: 'COTHER' },
            ]
          : { platform: 'slack', space: 'CALERTS' },
    });
    const misrouted = classified('quota-exceeded', { insertId: 'twice-1', cluster: 'twice' });
    const settled = await Promise.allSettled([quota(), misrouted, quota()].map((e) => store.recordAll(e)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('runs a script Redis does not know yet (NOSCRIPT: loaded by EVAL, then by its SHA1)', async () => {
    const script = `return '${prefix}'`;
    expect(await runScript(redis, script, 0, [])).toBe(prefix);
    expect(await runScript(redis, script, 0, [])).toBe(prefix);
  });
});

describe('AlertSubscriber batches', () => {
  let pstest: Pstest;
  beforeAll(async () => {
    pstest = await startPstest();
  }, 180_000);
  afterAll(async () => {
    await pstest?.stop();
  });

  it('a failed script call nacks every message of the batch; the redelivery counts each entry once', async () => {
    const pubsub = new PubSub({ projectId: 'test-project', apiEndpoint: pstest.host, emulatorMode: true });
    const connection = connectRedis();
    let subscriber: AlertSubscriber | undefined;
    try {
      const [topic] = await pubsub.createTopic('batch-fail');
      await topic.createSubscription('batch-fail-sub', { ackDeadlineSeconds: 10 });
      const store = newStore(connection);
      const scripts = jest.spyOn(connection, 'evalsha').mockRejectedValueOnce(new Error('Connection is closed'));
      const handed: RecordOutcome[] = [];
      subscriber = new AlertSubscriber(pubsub, {
        subscription: 'batch-fail-sub',
        store,
        maxStreams: 10,
        nackDelayMs: 0,
        // The five messages make one batch.
        batchMs: 5000,
        batchMaxMessages: 5,
        logger: createLogger({ destination: { write: () => undefined } }),
        handle: async (outcome) => void handed.push(outcome),
      });
      await subscriber.start();
      clock = Date.now();
      await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          topic.publishMessage({
            data: Buffer.from(JSON.stringify(sinkEntry('quota-exceeded', { insertId: `fail-${i}` }))),
          }),
        ),
      );
      const deadline = Date.now() + 45_000;
      while (subscriber.stats.acked - subscriber.stats.duplicates < 5 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(subscriber.stats.nacked).toBe(5);
      expect(scripts.mock.calls.length).toBeGreaterThanOrEqual(2);
      const [alert] = await store.listOpen();
      expect(alert!.count).toBe(5);
      expect(handed.filter((o) => o.kind === 'new')).toHaveLength(1);
      expect(handed.filter((o) => o.kind === 'updated')).toHaveLength(4);
    } finally {
      await subscriber?.stop();
      await pubsub.close();
      await connection.quit();
    }
  });
});
