import Redis from 'ioredis';
import { RemoteError } from '../../src/errors';
import { ApprovalRequest, approvalIdSchema } from '../../src/approvals/approval-request';
import { ApprovalStateError } from '../../src/approvals/approval-state-error';
import { ApprovalStore } from '../../src/approvals/approval-store';
import { principalId } from '../../src/chat/principal-id';
import { freePort } from '../support/free-port';
import { connectRedis, deleteKeys, uniquePrefix } from './redis-test-keys';

const HOUR = 3_600_000;
const slack = (id: string) => principalId('slack', id);

const input = (over: Partial<Omit<ApprovalRequest, 'id' | 'createdAt' | 'expiresAt' | 'state'>> = {}) => ({
  action: 'enable' as const,
  target: { project: 'acme-prod', location: 'us-east1', cluster: 'prod-1', pool: 'web' },
  change: { from: false, to: true, poolsAffected: ['web'], notes: ['nodes are not recreated'] },
  requestedBy: slack('UREQUESTER'),
  conversation: { platform: 'slack', space: 'COPS' },
  ...over,
});

let redis: Redis;
let prefix: string;
// The store's clock starts at the real time: Redis expires keys by its own clock.
let clock: number;
let store: ApprovalStore;

beforeAll(() => {
  redis = connectRedis();
});
afterAll(async () => {
  await redis.quit();
});
beforeEach(() => {
  prefix = uniquePrefix('approvals');
  clock = Date.now();
  store = new ApprovalStore(redis, { keyPrefix: prefix, now: () => clock });
});
afterEach(async () => {
  await deleteKeys(redis, prefix);
});

describe('ApprovalStore create/get', () => {
  it('round-trips a request, pending for 24 h by default, under an unguessable id', async () => {
    const created = await store.create(input());
    expect(created).toEqual({
      ...input(),
      id: created.id,
      createdAt: clock,
      expiresAt: clock + 24 * HOUR,
      state: 'pending',
    });
    expect(approvalIdSchema.safeParse(created.id).success).toBe(true);
    expect(await store.get(created.id)).toEqual(created);
    const other = await store.create(input());
    expect(other.id).not.toBe(created.id);
    // Kept past expiry (so a late click hears "expired"), but not forever.
    const ttl = await redis.pttl(`${prefix}request:${created.id}`);
    expect(ttl).toBeGreaterThan(24 * HOUR);
  });

  it('takes the expiry time from the options', async () => {
    const short = new ApprovalStore(redis, { keyPrefix: prefix, now: () => clock, ttlMs: 15 * 60_000 });
    const created = await short.create(input());
    expect(created.expiresAt).toBe(clock + 15 * 60_000);
  });

  it('answers null for an id it never issued', async () => {
    expect(await store.get('A'.repeat(22))).toBeNull();
  });

  it('records the request message', async () => {
    const created = await store.create(input());
    await store.setMessage(created.id, { platform: 'slack', space: 'COPS', message: '1700000000.000100' });
    expect(await store.get(created.id)).toMatchObject({
      message: { platform: 'slack', space: 'COPS', message: '1700000000.000100' },
    });
    await expect(
      store.setMessage('B'.repeat(22), { platform: 'slack', space: 'COPS', message: '1700000000.000100' }),
    ).rejects.toMatchObject({
      reason: 'not_found',
    });
  });
});

describe('ApprovalStore expiry', () => {
  it('reads a pending request as expired once its time is up, and decide refuses it', async () => {
    const created = await store.create(input());
    clock = created.expiresAt - 1;
    expect((await store.get(created.id))!.state).toBe('pending');
    clock = created.expiresAt;
    expect((await store.get(created.id))!.state).toBe('expired');

    const decided = await store.decide(created.id, 'approved', slack('UAPPROVER'));
    expect(decided).toMatchObject({ ok: false, reason: 'expired', request: { state: 'expired' } });
    expect((await store.get(created.id))!.decidedBy).toBeUndefined();
    expect(await store.listPending()).toEqual([]);
    // Still refused if the clock went back (another replica's slightly slower clock).
    clock = created.expiresAt - 10;
    expect(await store.decide(created.id, 'approved', slack('UAPPROVER'))).toMatchObject({
      ok: false,
      reason: 'expired',
    });
  });

  it('lets a decision through just before the time is up', async () => {
    const created = await store.create(input());
    clock = created.expiresAt - 1;
    expect(await store.decide(created.id, 'approved', slack('UAPPROVER'))).toMatchObject({ ok: true });
  });
});

describe('ApprovalStore decide', () => {
  it('lets exactly one of 20 concurrent deciders on 20 connections win; the rest learn who did', async () => {
    const created = await store.create(input());
    const replicas = Array.from({ length: 20 }, () => connectRedis());
    try {
      const results = await Promise.all(
        replicas.map((conn, i) =>
          new ApprovalStore(conn, { keyPrefix: prefix, now: () => clock }).decide(
            created.id,
            i % 2 ? 'denied' : 'approved',
            slack(`UAPPROVER${i}`),
          ),
        ),
      );
      const winners = results.filter((r) => r.ok);
      expect(winners).toHaveLength(1);
      const winner = winners[0]!.request!;
      for (const r of results.filter((r) => !r.ok)) {
        expect(r).toMatchObject({
          ok: false,
          reason: 'already_decided',
          request: { state: winner.state, decidedBy: winner.decidedBy },
        });
      }
      expect(await store.get(created.id)).toMatchObject({
        state: winner.state,
        decidedBy: winner.decidedBy,
        decidedAt: clock,
      });
    } finally {
      await Promise.all(replicas.map((c) => c.quit()));
    }
  });

  it('refuses a deny after an approval, naming the approver', async () => {
    const created = await store.create(input());
    expect(await store.decide(created.id, 'approved', slack('UALICE'))).toMatchObject({
      ok: true,
      request: { state: 'approved', decidedBy: 'slack:UALICE' },
    });
    expect(await store.decide(created.id, 'denied', slack('UBOB'))).toMatchObject({
      ok: false,
      reason: 'already_decided',
      request: { state: 'approved', decidedBy: 'slack:UALICE' },
    });
  });

  it('keeps an approved request until its job has finished, then for the record only', async () => {
    const created = await store.create(input());
    const key = `${prefix}request:${created.id}`;
    await store.decide(created.id, 'approved', slack('UALICE'));
    expect(await redis.pttl(key)).toBe(-1);
    await store.update(created.id, { state: 'running' });
    expect(await redis.pttl(key)).toBe(-1);
    await store.update(created.id, { state: 'done', result: 'done' });
    expect(await redis.pttl(key)).toBeGreaterThan(0);
  });

  it('answers not_found for a request that does not exist', async () => {
    expect(await store.decide('C'.repeat(22), 'approved', slack('UALICE'))).toEqual({ ok: false, reason: 'not_found' });
  });
});

describe('ApprovalStore hostile ids', () => {
  const hostile = ['../x', '*', 'a'.repeat(10 * 1024), '', '*'.repeat(22), `${'a'.repeat(20)}\r\n`, 'x:request:*'];

  it('rejects ids of any other shape without sending them to Redis', async () => {
    const watcher = connectRedis();
    const monitor = await watcher.monitor();
    const seen: string[][] = [];
    monitor.on('monitor', (_time: string, args: string[]) => seen.push(args));
    try {
      for (const id of hostile) {
        expect(await store.get(id)).toBeNull();
        expect(await store.decide(id, 'approved', slack('UALICE'))).toEqual({ ok: false, reason: 'not_found' });
        await expect(store.update(id, { state: 'running' })).rejects.toBeInstanceOf(ApprovalStateError);
        await expect(store.setMessage(id, { platform: 'slack', space: 'COPS', message: '1.2' })).rejects.toBeInstanceOf(
          ApprovalStateError,
        );
      }
      // MONITOR reports commands in order: once the marker shows, everything before it has too.
      const marker = `${prefix}marker`;
      await redis.exists(marker);
      while (!seen.some((args) => args.includes(marker))) await new Promise((r) => setTimeout(r, 10));
      const ours = seen.filter((args) => args.some((a) => a.includes(prefix)));
      expect(ours.filter((args) => !args.includes(marker))).toEqual([]);
    } finally {
      monitor.disconnect();
      watcher.disconnect();
    }
  });
});

describe('ApprovalStore corrupted records', () => {
  it('reports a record that is not valid JSON as a RemoteError naming it, not a crash', async () => {
    const id = 'D'.repeat(22);
    await redis.hset(`${prefix}request:${id}`, {
      data: '{"id": "DDDD',
      state: 'pending',
      channel: 'COPS',
      expiresAt: String(clock + HOUR),
    });
    const err = await store.get(id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteError);
    expect((err as Error).message).toMatch(new RegExp(`approval request ${id} is unreadable`));
    await expect(store.decide(id, 'approved', slack('UALICE'))).rejects.toBeInstanceOf(RemoteError);
  });

  it('reports a record of the wrong shape, and leaves it out of the pending list', async () => {
    const good = await store.create(input());
    const bad = await store.create(input());
    const key = `${prefix}request:${bad.id}`;
    const data = JSON.parse((await redis.hget(key, 'data'))!);
    await redis.hset(key, 'data', JSON.stringify({ ...data, target: { ...data.target, cluster: 'Prod 1; rm -rf' } }));
    await expect(store.get(bad.id)).rejects.toThrow(/unreadable in Redis \(target\.cluster/);
    expect((await store.listPending()).map((r) => r.id)).toEqual([good.id]);
  });
});

describe('ApprovalStore update', () => {
  async function approved(): Promise<ApprovalRequest> {
    const created = await store.create(input());
    await store.decide(created.id, 'approved', slack('UALICE'));
    return created;
  }

  it('moves approved -> running -> done, recording progress, operation and result', async () => {
    const { id } = await approved();
    expect(await store.update(id, { state: 'running', progress: 'running: reading the current state' })).toMatchObject({
      state: 'running',
      progress: 'running: reading the current state',
    });
    await store.update(id, { operation: 'operation-123', progress: 'waiting for operation-123' });
    // A resumed job re-enters running and sees the operation it already started.
    expect(await store.update(id, { state: 'running' })).toMatchObject({
      state: 'running',
      operation: 'operation-123',
    });
    const done = await store.update(id, { state: 'done', result: 'enabled', progress: undefined });
    expect(done).toMatchObject({
      state: 'done',
      result: 'enabled',
      operation: 'operation-123',
      decidedBy: 'slack:UALICE',
    });
    expect(done.progress).toBeUndefined();
    expect(await store.get(id)).toEqual(done);
  });

  it('moves approved or running to failed with the error', async () => {
    const a = await approved();
    expect(await store.update(a.id, { state: 'failed', result: 'failed: 403' })).toMatchObject({
      state: 'failed',
      result: 'failed: 403',
    });
    const b = await approved();
    await store.update(b.id, { state: 'running' });
    expect(await store.update(b.id, { state: 'failed', result: 'x'.repeat(50_000) })).toMatchObject({
      state: 'failed',
    });
    expect((await store.get(b.id))!.result!.length).toBeLessThanOrEqual(10_000);
  });

  it('refuses moves that skip the approval or come after the end', async () => {
    const pending = await store.create(input());
    await expect(store.update(pending.id, { state: 'running' })).rejects.toMatchObject({
      reason: 'bad_transition',
      state: 'pending',
    });
    const denied = await store.create(input());
    await store.decide(denied.id, 'denied', slack('UALICE'));
    await expect(store.update(denied.id, { state: 'running' })).rejects.toMatchObject({
      reason: 'bad_transition',
      state: 'denied',
    });
    const finished = await approved();
    await store.update(finished.id, { state: 'running' });
    await store.update(finished.id, { state: 'done', result: 'ok' });
    await expect(store.update(finished.id, { state: 'running' })).rejects.toMatchObject({
      reason: 'bad_transition',
      state: 'done',
    });
    await expect(store.update(finished.id, { progress: 'late' })).rejects.toMatchObject({ reason: 'bad_transition' });
    expect(await store.get(finished.id)).toMatchObject({ state: 'done', result: 'ok' });
    await expect(store.update('E'.repeat(22), { state: 'running' })).rejects.toMatchObject({ reason: 'not_found' });
  });
});

describe('ApprovalStore listPending', () => {
  it('lists requests still waiting, soonest to expire first', async () => {
    const first = await store.create(input());
    clock += 1000;
    const second = await store.create(input({ requestedBy: slack('UOTHER') }));
    clock += 1000;
    const decided = await store.create(input());
    await store.decide(decided.id, 'denied', slack('UALICE'));
    expect((await store.listPending()).map((r) => r.id)).toEqual([first.id, second.id]);
    expect((await store.listPending(1)).map((r) => r.id)).toEqual([first.id]);
    clock = first.expiresAt;
    expect((await store.listPending()).map((r) => r.id)).toEqual([second.id]);
  });
});

describe('ApprovalStore without Redis', () => {
  it('fails fast with a RemoteError that says Redis failed', async () => {
    const down = new Redis({
      host: '127.0.0.1',
      port: await freePort(),
      lazyConnect: true,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    const offline = new ApprovalStore(down, { keyPrefix: prefix });
    try {
      await expect(offline.create(input())).rejects.toThrow(RemoteError);
      await expect(offline.get('F'.repeat(22))).rejects.toThrow(/^Redis read approval request failed/);
    } finally {
      down.disconnect();
    }
  });
});

describe('ApprovalStore on records written before the chat seam', () => {
  /** A request hash exactly as the previous version wrote it: bare Slack ids, channel and messageTs fields. */
  async function writeOld(id: string, over: Record<string, string> = {}): Promise<void> {
    const data = {
      id,
      action: 'enable',
      target: { project: 'acme-prod', location: 'us-east1', cluster: 'prod-1', pool: 'web' },
      change: { from: false, to: true, poolsAffected: ['web'], notes: [] },
      requestedBy: 'UREQUESTER',
      createdAt: clock,
    };
    await redis.hset(`${prefix}request:${id}`, {
      data: JSON.stringify(data),
      channel: 'COPS',
      messageTs: '1700000000.000100',
      state: 'pending',
      expiresAt: String(clock + HOUR),
      ...over,
    });
    await redis.zadd(`${prefix}pending`, clock + HOUR, id);
  }

  it('reads, lists and decides them, with principal ids and references', async () => {
    const id = 'G'.repeat(22);
    await writeOld(id);
    expect(await store.get(id)).toMatchObject({
      requestedBy: 'slack:UREQUESTER',
      conversation: { platform: 'slack', space: 'COPS' },
      message: { platform: 'slack', space: 'COPS', message: '1700000000.000100' },
    });
    expect((await store.listPending()).map((r) => r.id)).toEqual([id]);
    expect(await store.decide(id, 'approved', slack('UALICE'))).toMatchObject({
      ok: true,
      request: { decidedBy: 'slack:UALICE', message: { message: '1700000000.000100' } },
    });
    // Its message is posted already: nothing may post it again.
    expect(await store.claimPost(id)).toBe('posted');
  });

  it('reads one decided by the previous version (a bare decidedBy)', async () => {
    const id = 'H'.repeat(22);
    await writeOld(id, { state: 'approved', decidedBy: 'UALICE', decidedAt: String(clock) });
    expect(await store.get(id)).toMatchObject({ state: 'approved', decidedBy: 'slack:UALICE' });
  });
});

describe('ApprovalStore once per origin, and the post claim', () => {
  it('createOnce gives every attempt of one job the same request, and another job its own', async () => {
    const first = await store.createOnce('job:abc', input());
    const again = await store.createOnce('job:abc', input({ requestedBy: slack('UOTHER') }));
    expect(again).toEqual(first);
    const other = await store.createOnce('job:def', input());
    expect(other.id).not.toBe(first.id);
    await expect(store.createOnce('job abc*', input())).rejects.toThrow(/origin/);
  });

  it('createOnce stores the request an earlier attempt named but never stored', async () => {
    await redis.set(`${prefix}origin:job:lost`, 'I'.repeat(22));
    const request = await store.createOnce('job:lost', input());
    expect(request.id).toBe('I'.repeat(22));
    expect(await store.get(request.id)).toEqual(request);
  });

  it('lets one attempt post: claimed, then claimed_before until released, then posted once recorded', async () => {
    const { id } = await store.create(input());
    expect(await store.claimPost(id)).toBe('claimed');
    expect(await store.claimPost(id)).toBe('claimed_before');
    await store.releasePost(id);
    expect(await store.claimPost(id)).toBe('claimed');
    await store.setMessage(id, { platform: 'slack', space: 'COPS', message: '1700000000.000300' });
    expect(await store.claimPost(id)).toBe('posted');
    await expect(store.claimPost('J'.repeat(22))).rejects.toMatchObject({ reason: 'not_found' });
  });

  it('refuses a message reference of another shape', async () => {
    const { id } = await store.create(input());
    await expect(store.setMessage(id, { platform: 'slack', space: '<!here>', message: '1' } as never)).rejects.toThrow(
      /invalid message reference/,
    );
  });
});
