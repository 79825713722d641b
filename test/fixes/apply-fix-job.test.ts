/**
 * The apply job for each fix action, at unit level: a real ApprovalStore and AuditLog on Redis,
 * the GKE and Cloud Quotas fakes, a recording Slack client. Also requestFixApproval, which posts
 * the approval request a fix button asks for.
 */
import type { CloudQuotasClient } from '@google-cloud/cloudquotas';
import type { Job } from 'bullmq';
import type { WebClient } from '@slack/web-api';
import Redis from 'ioredis';
import { SlackMessenger } from '../../adapters/slack/messenger/slack-messenger';
import type { SlackChatClient } from '../../adapters/slack/messenger/slack-chat-client';
import { messengers } from '../../src/chat/messengers';
import { runApply } from '../../jobs/apply';
import { runApprovalMessage } from '../../jobs/approval-message';
import type { WorkerDeps } from '../../jobs/worker-deps';
import { AccessScope } from '../../src/access/access-scope';
import type { ApprovalRequest } from '../../src/approvals/approval-request';
import { ApprovalStore } from '../../src/approvals/approval-store';
import { AuditLog } from '../../src/audit/audit-log';
import { principalId } from '../../src/chat/principal-id';
import { STREAMING_SCOPE } from '../../src/classifier/class-advice';
import { createQuotasClient } from '../../src/fixes/quota-increase';
import { FixRequestDeps, regionOf, requestFixApproval } from '../../src/fixes/request-fix';
import { createLogger } from '../../src/logging/logger';
import { connectRedis, deleteKeys, uniquePrefix } from '../approvals/redis-test-keys';
import { CloudQuotasFake, containerFilesystemQuotaInfos, startCloudQuotasFake } from '../fakes/cloud-quotas-api';
import { FAKE_TOKEN } from '../fakes/http-fake';
import { SHOP, SHOP_PATH, fastOptions, useGkeFake } from '../gke/gke-test-setup';
import { allText } from '../support/slack-limits';

const { fake, container } = useGkeFake();
const logger = createLogger({ level: 'silent' });

let redis: Redis;
let prefix: string;
let approvals: ApprovalStore;
let audit: AuditLog;
let quotasFake: CloudQuotasFake;
let quotas: CloudQuotasClient;
let posted: Array<Record<string, any>>;
let updates: Array<Record<string, any>>;
let enqueued: Array<{ name: string; payload: unknown }>;

const slack = {
  chat: {
    postMessage: async (args: Record<string, any>) => {
      posted.push(args);
      return { ok: true, ts: `1700000000.00${posted.length}` };
    },
    update: async (args: Record<string, any>) => {
      updates.push(args);
      return { ok: true };
    },
  },
};

beforeAll(async () => {
  redis = connectRedis();
  quotasFake = await startCloudQuotasFake();
  quotas = createQuotasClient({ endpoint: quotasFake.url, accessToken: FAKE_TOKEN });
});
afterAll(async () => {
  await quotas.close();
  await quotasFake.close();
  await redis.quit();
});
beforeEach(() => {
  prefix = uniquePrefix('fixes');
  approvals = new ApprovalStore(redis, { keyPrefix: prefix });
  audit = new AuditLog(redis, logger, { key: `${prefix}audit` });
  posted = [];
  updates = [];
  enqueued = [];
  quotasFake.reset();
  quotasFake.quotaInfos['projects/acme-prod/locations/global/services/containerfilesystem.googleapis.com'] =
    containerFilesystemQuotaInfos('acme-prod');
});
afterEach(async () => {
  await deleteKeys(redis, prefix);
});

function workerDeps(): WorkerDeps {
  const deps = {
    logger,
    container: container(),
    approvals,
    audit,
    quotas,
    messengers: messengers(new SlackMessenger({ web: slack as unknown as SlackChatClient })),
    applyOptions: fastOptions(),
    // The job's message updates run at once, in order, as the replies queue would run them.
    queue: {
      enqueue: async (name: string, payload: { requestId: string }) => {
        if (name === 'approval-message') await runApprovalMessage(payload, deps, job);
        return 'x';
      },
    },
    // No allow-list: the refusal itself is tested in test/e2e/access-scope.test.ts.
    scope: new AccessScope(),
  } as unknown as WorkerDeps;
  return deps;
}

const job = { attemptsMade: 0, opts: { attempts: 1 } } as unknown as Job;

/** A stored, approved request with its message posted (so the job updates it). */
async function approved(
  input: Omit<Parameters<ApprovalStore['create']>[0], 'requestedBy' | 'conversation'>,
): Promise<ApprovalRequest> {
  const request = await approvals.create({
    ...input,
    requestedBy: principalId('slack', 'UREQUESTER'),
    conversation: { platform: 'slack', space: 'COPS' },
  });
  await approvals.setMessage(request.id, { platform: 'slack', space: 'COPS', message: '1700000000.000100' });
  const decided = await approvals.decide(request.id, 'approved', principalId('slack', 'UAPPROVER'));
  if (!decided.ok) throw new Error('not approved');
  return decided.request;
}

const change = (pools: string[]) => ({ from: false, to: true, poolsAffected: pools, notes: [] });
const creates = () => fake().requests.filter((r) => r.route === 'nodePools.create').length;

describe('apply: replace-pool', () => {
  it('creates the replacement, stores the operation, re-reads it, and says workloads must move', async () => {
    const request = await approved({
      action: 'replace-pool',
      target: { ...SHOP, pool: 'legacy-pool' },
      params: { newPool: 'legacy-pool-ro' },
      change: change(['legacy-pool-ro']),
    });
    expect(await runApply({ requestId: request.id }, workerDeps(), job)).toBe('done');
    const after = (await approvals.get(request.id))!;
    expect(after.state).toBe('done');
    expect(after.operation).toMatch(/^operation-/);
    expect(after.result).toContain('legacy-pool-ro');
    expect(after.result).toMatch(/move the workloads/);
    expect(fake().pool(SHOP, 'legacy-pool-ro').config.oauthScopes).toContain(STREAMING_SCOPE);
    expect(creates()).toBe(1);
    expect(allText(updates.at(-1) as { text: string; blocks: unknown[] })).toContain('Done');
  });

  it('resumed after a crash mid-operation: waits for the stored operation, creates nothing twice', async () => {
    const request = await approved({
      action: 'replace-pool',
      target: { ...SHOP, pool: 'legacy-pool' },
      params: { newPool: 'legacy-pool-ro' },
      change: change(['legacy-pool-ro']),
    });
    // The first run sent the create and stored its operation, then its worker died.
    const res = await container().projects.locations.clusters.nodePools.create({
      parent: SHOP_PATH,
      requestBody: {
        nodePool: { name: 'legacy-pool-ro', config: { oauthScopes: [STREAMING_SCOPE], gcfsConfig: { enabled: true } } },
      },
    });
    await approvals.update(request.id, { state: 'running', operation: res.data.name! });
    expect(await runApply({ requestId: request.id }, workerDeps(), job)).toBe('done');
    expect(creates()).toBe(1);
    expect((await approvals.get(request.id))!.state).toBe('done');
  });
});

describe('apply: upgrade-pool', () => {
  it('upgrades to the approved version and confirms by re-reading', async () => {
    const request = await approved({
      action: 'upgrade-pool',
      target: { ...SHOP, pool: 'gpu-pool' },
      params: { version: '1.27.6-gke.100', fromVersion: '1.27.3-gke.100' },
      change: change(['gpu-pool']),
    });
    expect(await runApply({ requestId: request.id }, workerDeps(), job)).toBe('done');
    expect(fake().pool(SHOP, 'gpu-pool').version).toBe('1.27.6-gke.100');
    expect((await approvals.get(request.id))!.result).toContain('1.27.6-gke.100');
  });

  it('sends nothing when the pool already runs the version (a resumed job whose operation ended)', async () => {
    fake().pool(SHOP, 'gpu-pool').version = '1.27.6-gke.100';
    const request = await approved({
      action: 'upgrade-pool',
      target: { ...SHOP, pool: 'gpu-pool' },
      params: { version: '1.27.6-gke.100' },
      change: change(['gpu-pool']),
    });
    expect(await runApply({ requestId: request.id }, workerDeps(), job)).toBe('done');
    expect(fake().updateCalls(`${SHOP_PATH}/nodePools/gpu-pool`)).toBe(0);
  });
});

describe('apply: disable-pool', () => {
  it('turns streaming off on the pool, once', async () => {
    const request = await approved({
      action: 'disable-pool',
      target: { ...SHOP, pool: 'gpu-pool' },
      change: { from: true, to: false, poolsAffected: ['gpu-pool'], notes: [] },
    });
    expect(await runApply({ requestId: request.id }, workerDeps(), job)).toBe('done');
    expect(fake().pool(SHOP, 'gpu-pool').config.gcfsConfig).toEqual({});
    expect(fake().acceptedUpdates(`${SHOP_PATH}/nodePools/gpu-pool`)).toBe(1);
  });
});

describe('apply: quota-increase', () => {
  it('sends the preferences and reports them', async () => {
    const request = await approved({
      action: 'quota-increase',
      target: { ...SHOP, location: 'us-east1' },
      params: { region: 'us-east1', multiple: 2, justification: 'quota errors on shop' },
      change: { from: false, to: false, poolsAffected: [], notes: [] },
    });
    expect(await runApply({ requestId: request.id }, workerDeps(), job)).toBe('done');
    const result = (await approvals.get(request.id))!.result!;
    expect(result).toContain('12000 → 24000');
    expect(Object.keys(quotasFake.preferences)).toHaveLength(2);
    expect(fake().requests.filter((r) => r.route === 'operations.list')).toHaveLength(0);
  });

  it('fails with the permission named on a 403, without retrying', async () => {
    quotasFake.faults.push({ route: 'ListQuotaInfos', status: 403, message: 'denied' });
    const request = await approved({
      action: 'quota-increase',
      target: { ...SHOP, location: 'us-east1' },
      params: { region: 'us-east1', multiple: 2, justification: 'quota errors' },
      change: { from: false, to: false, poolsAffected: [], notes: [] },
    });
    await expect(runApply({ requestId: request.id }, workerDeps(), job)).rejects.toThrow(/cloudquotas\.quotas\.get/);
    expect((await approvals.get(request.id))!.state).toBe('failed');
  });
});

describe('approval records of fixes', () => {
  it('rejects params that do not fit the action', async () => {
    await expect(
      approvals.create({
        action: 'upgrade-pool',
        target: { ...SHOP, pool: 'gpu-pool' },
        params: { version: 'latest' },
        change: change([]),
        requestedBy: principalId('slack', 'U1'),
        conversation: { platform: 'slack', space: 'C1' },
      }),
    ).rejects.toThrow(/params\.version/);
    await expect(
      approvals.create({
        action: 'replace-pool',
        target: { ...SHOP },
        params: { newPool: 'x-ro' },
        change: change([]),
        requestedBy: principalId('slack', 'U1'),
        conversation: { platform: 'slack', space: 'C1' },
      }),
    ).rejects.toThrow(/needs a node pool/);
  });

  it('still reads records written before fixes existed (no params)', async () => {
    const old = await approvals.create({
      action: 'enable',
      target: { ...SHOP },
      change: change([]),
      requestedBy: principalId('slack', 'U1'),
      conversation: { platform: 'slack', space: 'C1' },
    });
    expect((await approvals.get(old.id))?.params).toBeUndefined();
  });
});

describe('requestFixApproval', () => {
  const deps = (): FixRequestDeps => ({
    container: container(),
    approvals,
    audit,
    messengers: messengers(new SlackMessenger({ web: slack as unknown as SlackChatClient })),
    queue: {
      enqueue: async (name: string, payload: unknown) => {
        enqueued.push({ name, payload });
        return 'id';
      },
    } as never,
  });
  const who = {
    requestedBy: principalId('slack', 'UREQUESTER'),
    conversation: { platform: 'slack', space: 'COPS', thread: '1700000000.000200' },
  };

  it('replace-pool from the alert node: posts the approval in the thread and queues its expiry', async () => {
    const out = await requestFixApproval(deps(), {
      ...who,
      fix: { action: 'replace-pool' },
      ref: SHOP,
      node: 'gke-shop-legacy-pool-1a2b3c4d-x7k2',
    });
    expect(out.kind).toBe('requested');
    const request = out.kind === 'requested' ? out.request : undefined;
    expect(request?.params).toEqual({ newPool: 'legacy-pool-ro' });
    expect(posted[0]!.thread_ts).toBe('1700000000.000200');
    const text = allText(posted[0] as { text: string; blocks: unknown[] });
    expect(text).toContain('Create node pool *legacy-pool-ro* copying *legacy-pool*');
    expect(text).toContain('workloads must then move');
    expect(text).toContain('gcloud container node-pools create legacy-pool-ro');
    expect(posted[0]!.blocks.at(-1).elements.map((e: any) => e.action_id)).toEqual([
      'imagestream_approve',
      'imagestream_deny',
    ]);
    expect(enqueued).toEqual([{ name: 'expire', payload: { requestId: request!.id } }]);
    expect((await approvals.get(request!.id))?.message?.message).toBe('1700000000.001');
  });

  it('upgrade-pool asks for the first fixed patch; says so when the pool is already fixed', async () => {
    const out = await requestFixApproval(deps(), {
      ...who,
      fix: { action: 'upgrade-pool' },
      ref: SHOP,
      pool: 'gpu-pool',
    });
    expect(out.kind === 'requested' && out.request.params).toEqual({
      version: '1.27.6-gke.100',
      fromVersion: '1.27.3-gke.100',
    });
    expect(allText(posted[0] as { text: string; blocks: unknown[] })).toContain('1.27.3-gke.100 → 1.27.6-gke.100');
    const fixed = await requestFixApproval(deps(), {
      ...who,
      fix: { action: 'upgrade-pool' },
      ref: SHOP,
      pool: 'default-pool',
    });
    expect(fixed).toMatchObject({ kind: 'nothing_to_do', message: expect.stringMatching(/nothing to upgrade/) });
  });

  it('disable-pool: nothing to approve when streaming is already off', async () => {
    const out = await requestFixApproval(deps(), {
      ...who,
      fix: { action: 'disable-pool' },
      ref: SHOP,
      pool: 'legacy-pool',
    });
    expect(out.kind).toBe('nothing_to_do');
    const on = await requestFixApproval(deps(), {
      ...who,
      fix: { action: 'disable-pool' },
      ref: SHOP,
      pool: 'gpu-pool',
    });
    expect(on.kind === 'requested' && on.request.change).toMatchObject({ from: true, to: false });
  });

  it('quota-increase: the region of the zone, the multiple and the justification', async () => {
    const out = await requestFixApproval(deps(), {
      ...who,
      fix: { action: 'quota-increase', multiple: 2, justification: 'gcfsd quota errors' },
      ref: { ...SHOP, location: 'us-east1-b' },
    });
    expect(out.kind === 'requested' && out.request.params).toEqual({
      region: 'us-east1',
      multiple: 2,
      justification: 'gcfsd quota errors',
    });
    expect(allText(posted[0] as { text: string; blocks: unknown[] })).toContain(
      '*2×* the current value, in region *us-east1*',
    );
    expect(regionOf('europe-west1')).toBe('europe-west1');
  });

  it('a node whose pool cannot be told apart is a usage error', async () => {
    await expect(
      requestFixApproval(deps(), { ...who, fix: { action: 'replace-pool' }, ref: SHOP, node: 'some-vm' }),
    ).rejects.toThrow(/could not tell which node pool/);
    expect(posted).toHaveLength(0);
  });

  it('a WebClient fits its Slack dependency', () => {
    const fits: SlackChatClient = {} as WebClient;
    expect(fits).toBeDefined();
  });
});
