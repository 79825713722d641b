/** The exactly-once claims of Chat events on the real Redis: one winner, done is final, a lease that runs out frees the event. */
import Redis from 'ioredis';
import { EventClaims, EventLease } from '../../../../adapters/google-chat/pubsub/event-claims';
import { until } from '../../../support/until';
import { connectRedis, deleteKeys, uniquePrefix } from '../../../approvals/redis-test-keys';

let redis: Redis;
let prefix: string;

beforeAll(() => {
  redis = connectRedis();
});
afterAll(async () => {
  await redis.quit();
});
beforeEach(() => {
  prefix = uniquePrefix('gchat-event-claims');
});
afterEach(async () => {
  await deleteKeys(redis, prefix);
});

/** Claims the id and returns its lease, failing the test when it is not ours. */
async function claimed(claims: EventClaims, id: string): Promise<EventLease> {
  const claim = await claims.claim(id);
  if (claim.kind !== 'claimed') throw new Error(`expected to claim ${id}, found ${claim.kind}`);
  return claim.lease;
}

describe('EventClaims', () => {
  it('lets one of many concurrent claims win; the others are busy until it is done, then duplicates', async () => {
    const other = connectRedis();
    const replicas = [new EventClaims(redis, { keyPrefix: prefix }), new EventClaims(other, { keyPrefix: prefix })];
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => replicas[i % 2]!.claim('m1')));
    const winners = results.filter((r) => r.kind === 'claimed');
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'busy')).toHaveLength(9);

    const lease = (winners[0] as { lease: EventLease }).lease;
    expect(await lease.renew()).toBe(true);
    expect(await lease.done()).toBe('done');
    expect((await replicas[1]!.claim('m1')).kind).toBe('done');
    // The done marker outlives the lease: it is kept for a day.
    expect(await redis.pttl(`${prefix}gchat-event:m1`)).toBeGreaterThan(23 * 3600 * 1000);
    await other.quit();
  });

  it('a released claim is free again at once, for any replica', async () => {
    const claims = new EventClaims(redis, { keyPrefix: prefix });
    const first = await claimed(claims, 'm2');
    await first.release();
    const second = await claimed(claims, 'm2');
    // The first lease is no longer the holder: it can neither renew, free nor finish the second's claim.
    expect(await first.renew()).toBe(false);
    await first.release();
    expect((await claims.claim('m2')).kind).toBe('busy');
    expect(await first.done()).toBe('lost');
    expect((await claims.claim('m2')).kind).toBe('busy');
    expect(await second.done()).toBe('done');
  });

  it('a lease that runs out (its replica died) frees the event; the old holder finishing late does not free the new claim', async () => {
    // The dead replica's lease is short; the next one's is long, so it cannot also run out while the
    // test goes on (on a loaded machine 50 ms pass between two Redis calls).
    const dying = new EventClaims(redis, { keyPrefix: prefix, leaseMs: 50 });
    const claims = new EventClaims(redis, { keyPrefix: prefix, leaseMs: 60_000 });
    const dead = await claimed(dying, 'm3');
    const next: { lease?: EventLease } = {};
    await until(
      async () => {
        const claim = await claims.claim('m3');
        if (claim.kind === 'claimed') next.lease = claim.lease;
        return next.lease !== undefined;
      },
      5000,
      'the lease to run out and the event to be claimed again',
    );
    expect(await dead.done()).toBe('lost');
    expect((await claims.claim('m3')).kind).toBe('busy');
    expect(await next.lease!.done()).toBe('done');
    expect((await claims.claim('m3')).kind).toBe('done');
  });

  it('a lease that ran out with nobody else claiming is still marked done by its holder', async () => {
    const claims = new EventClaims(redis, { keyPrefix: prefix, leaseMs: 50 });
    const lease = await claimed(claims, 'm4');
    await until(async () => (await redis.exists(`${prefix}gchat-event:m4`)) === 0, 5000, 'the lease to run out');
    expect(await lease.done()).toBe('done');
    expect((await claims.claim('m4')).kind).toBe('done');
  });

  it('counts a poison message id once', async () => {
    const claims = new EventClaims(redis, { keyPrefix: prefix });
    expect(await claims.firstPoison('p1')).toBe(true);
    expect(await claims.firstPoison('p1')).toBe(false);
    expect(await claims.firstPoison('p2')).toBe(true);
  });

  it('fails with a one-line RemoteError when Redis is unreachable', async () => {
    const down = new Redis({ host: '127.0.0.1', port: 1, lazyConnect: true, enableOfflineQueue: false });
    const claims = new EventClaims(down, { keyPrefix: prefix });
    await expect(claims.claim('m5')).rejects.toThrow(/^Redis claim Google Chat event failed: /);
    down.disconnect();
  });
});
