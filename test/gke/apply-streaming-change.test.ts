import { UsageError } from '../../src/errors';
import { ApplyProgress, applyStreamingChange } from '../../src/gke/apply-streaming-change';
import { GkeError } from '../../src/gke/gke-error';
import { ChangePlan, planStreamingChange } from '../../src/gke/plan-streaming-change';
import { readClusterStatus } from '../../src/gke/read-cluster-status';
import { SHOP, SHOP_PATH, fastOptions, useGkeFake } from './gke-test-setup';

const { fake, container } = useGkeFake();

async function plan(request: { enable: boolean; pool?: string }): Promise<ChangePlan> {
  return planStreamingChange(await readClusterStatus(container(), SHOP), request);
}

const gcfs = (pool: string) => fake().pool(SHOP, pool).config.gcfsConfig;

describe('applyStreamingChange', () => {
  it('enables at cluster level, follows the operation to DONE, and the following pools change with it', async () => {
    const events: ApplyProgress[] = [];
    const result = await applyStreamingChange(container(), await plan({ enable: true }), fastOptions(events));

    const [op] = fake().operations();
    expect(result).toEqual({
      operation: op!.name,
      status: 'DONE',
      location: 'europe-west1',
      operationType: 'UPDATE_CLUSTER',
      startTime: op!.startTime,
      endTime: op!.endTime,
    });
    expect(events).toEqual([
      { phase: 'submitting', attempt: 1 },
      { phase: 'running', operation: op!.name, detail: 'PENDING' },
      { phase: 'running', operation: op!.name, detail: 'RUNNING' },
      { phase: 'done', operation: op!.name, detail: 'DONE' },
    ]);
    const put = fake().requests.find((r) => r.method === 'PUT')!;
    expect(put).toMatchObject({ path: `/v1/${SHOP_PATH}`, body: { update: { desiredGcfsConfig: { enabled: true } } } });
    expect(fake().cluster(SHOP).nodePoolDefaults.nodeConfigDefaults.gcfsConfig).toEqual({ enabled: true });
    expect([gcfs('default-pool'), gcfs('gpu-pool'), gcfs('legacy-pool')]).toEqual([
      { enabled: true },
      { enabled: true },
      { enabled: true },
    ]);
    expect(fake().acceptedUpdates(SHOP_PATH)).toBe(1);
  });

  it('disables one pool with nodePools.update; the other pools and the cluster default are untouched', async () => {
    const result = await applyStreamingChange(
      container(),
      await plan({ enable: false, pool: 'gpu-pool' }),
      fastOptions(),
    );
    expect(result.operationType).toBe('UPGRADE_NODES');
    const put = fake().requests.find((r) => r.method === 'PUT')!;
    expect(put).toMatchObject({
      path: `/v1/${SHOP_PATH}/nodePools/gpu-pool`,
      body: { gcfsConfig: { enabled: false } },
    });
    expect(gcfs('gpu-pool')).toEqual({});
    expect(gcfs('default-pool')).toBeUndefined();
    expect(fake().cluster(SHOP).nodePoolDefaults.nodeConfigDefaults.gcfsConfig).toBeUndefined();
  });

  it('a pool set explicitly keeps its own setting through a later cluster-level change', async () => {
    await applyStreamingChange(container(), await plan({ enable: true, pool: 'default-pool' }), fastOptions());
    await applyStreamingChange(container(), await plan({ enable: true }), fastOptions());
    const disable = await plan({ enable: false });
    expect(disable.poolsAffected).toEqual(['default-pool', 'gpu-pool', 'legacy-pool']); // the API cannot tell
    await applyStreamingChange(container(), disable, fastOptions());
    // default-pool and gpu-pool were set explicitly: GKE leaves them on (docs/image-streaming.md).
    expect([gcfs('default-pool'), gcfs('gpu-pool'), gcfs('legacy-pool')]).toEqual([
      { enabled: true },
      { enabled: true },
      {},
    ]);
  });

  it('waits for an incompatible operation to end before sending the update again', async () => {
    const busy = fake().startBusyOperation(SHOP, { polls: 3 });
    const events: ApplyProgress[] = [];
    const result = await applyStreamingChange(container(), await plan({ enable: true }), fastOptions(events));

    expect(fake().updateCalls(SHOP_PATH)).toBe(2);
    expect(fake().acceptedUpdates(SHOP_PATH)).toBe(1);
    const puts = fake().requests.flatMap((r, i) => (r.method === 'PUT' ? [i] : []));
    const busyDone = fake().requests.findIndex((r) => r.path.endsWith(`/operations/${busy}`) && r.opStatus === 'DONE');
    expect(fake().requests[puts[0]!]!.status).toBe(400);
    expect(busyDone).toBeGreaterThan(puts[0]!);
    expect(puts[1]).toBeGreaterThan(busyDone);
    expect(events.slice(0, 3)).toEqual([
      { phase: 'submitting', attempt: 1 },
      { phase: 'waiting', attempt: 1, operation: busy, detail: `Cluster is running incompatible operation ${busy}.` },
      { phase: 'submitting', attempt: 2 },
    ]);
    expect(result.operation).not.toBe(busy);
    expect(fake().cluster(SHOP).nodePoolDefaults.nodeConfigDefaults.gcfsConfig).toEqual({ enabled: true });
  });

  it('does not send a second update when the answer to the first was lost', async () => {
    // GKE started the operation, but the client saw a 503 and retried the PUT: "busy with" our own operation.
    fake().faults.push({ route: 'clusters.update', status: 503, times: 1, afterHandling: true });
    const result = await applyStreamingChange(container(), await plan({ enable: true }), fastOptions());
    const [op] = fake().operations();
    expect(result).toMatchObject({ operation: op!.name, status: 'DONE', reusedOperation: true });
    expect(fake().acceptedUpdates(SHOP_PATH)).toBe(1);
    expect(fake().cluster(SHOP).nodePoolDefaults.nodeConfigDefaults.gcfsConfig).toEqual({ enabled: true });
  });

  it('backs off instead of polling again when a blocker seen DONE is still named, and gives up at maxWaitMs', async () => {
    const old = fake().startBusyOperation(SHOP);
    fake().finishOperation(old);
    fake().faults.push({
      route: 'clusters.update',
      status: 400,
      apiStatus: 'FAILED_PRECONDITION',
      message: `Cluster is running incompatible operation ${old}.`,
    });
    await expect(
      applyStreamingChange(container(), await plan({ enable: true }), fastOptions(undefined, { maxWaitMs: 1_000 })),
    ).rejects.toMatchObject({
      kind: 'precondition',
      message: expect.stringContaining(`is still running ${old}`),
    });
    expect(fake().requests.filter((r) => r.route === 'operations.get')).toHaveLength(1);
  });

  it('retries with backoff when the busy message names no operation', async () => {
    fake().faults.push({
      route: 'clusters.update',
      status: 400,
      apiStatus: 'FAILED_PRECONDITION',
      message: 'Cluster is running incompatible operation.',
      times: 2,
    });
    const slept: number[] = [];
    await applyStreamingChange(
      container(),
      await plan({ enable: true }),
      fastOptions(undefined, { sleep: async (ms) => void slept.push(ms) }),
    );
    expect(fake().updateCalls(SHOP_PATH)).toBe(3);
    expect(slept.slice(0, 2)).toEqual([100, 200]);
  });

  it('gives up on a busy cluster after maxWaitMs with a retryable error', async () => {
    fake().startBusyOperation(SHOP, { polls: 1000 });
    const err = await applyStreamingChange(
      container(),
      await plan({ enable: true }),
      fastOptions(undefined, { maxWaitMs: 2_000 }),
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'precondition', retryable: true });
    expect((err as Error).message).toMatch(
      /^cluster shop in projects\/acme-prod\/locations\/europe-west1 is still running operation-\S+ after/,
    );
    expect(fake().acceptedUpdates(SHOP_PATH)).toBe(0);
  });

  it('lets updates to different node pools run in parallel', async () => {
    fake().startBusyOperation(SHOP, { pool: 'gpu-pool', polls: 1000 });
    await applyStreamingChange(container(), await plan({ enable: true, pool: 'default-pool' }), fastOptions());
    expect(fake().updateCalls(`${SHOP_PATH}/nodePools/default-pool`)).toBe(1);
  });

  it.each([
    [
      403,
      'permission',
      /^missing IAM permission container\.clusters\.update to update cluster shop in projects\/acme-prod\/locations\/europe-west1/,
    ],
    [404, 'not_found', /^cluster shop in projects\/acme-prod\/locations\/europe-west1 not found/],
  ])('stops at once on %i, naming the permission or the resource', async (status, kind, message) => {
    fake().faults.push({ route: 'clusters.update', status });
    const err = await applyStreamingChange(container(), await plan({ enable: true }), fastOptions()).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(GkeError);
    expect(err).toMatchObject({ kind, status, retryable: false });
    expect((err as Error).message).toMatch(message);
    expect(fake().updateCalls(SHOP_PATH)).toBe(1);
  });

  it('names the node pool when the pool update is not allowed', async () => {
    fake().faults.push({ route: 'nodePools.update', status: 403 });
    await expect(
      applyStreamingChange(container(), await plan({ enable: true, pool: 'default-pool' }), fastOptions()),
    ).rejects.toThrow(
      /^missing IAM permission container\.clusters\.update to update node pool default-pool of cluster shop/,
    );
  });

  it('retries 503 with its own backoff, looking for a started operation before each resend, then succeeds', async () => {
    // The client does not resend an update by itself (send-once.ts): each 503 is one of our rounds.
    fake().faults.push({ route: 'clusters.update', status: 503, times: 5 });
    const events: ApplyProgress[] = [];
    await applyStreamingChange(container(), await plan({ enable: true }), fastOptions(events));
    expect(fake().updateCalls(SHOP_PATH)).toBe(6);
    expect(fake().acceptedUpdates(SHOP_PATH)).toBe(1);
    expect(events.filter((e) => e.phase === 'submitting').map((e) => e.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(fake().requests.filter((r) => r.route === 'operations.list')).toHaveLength(5);
  });

  it('keeps polling through 429 and 500 on operations.get', async () => {
    fake().faults.push(
      { route: 'operations.get', status: 429, times: 3 },
      { route: 'operations.get', status: 500, times: 3 },
    );
    const result = await applyStreamingChange(container(), await plan({ enable: true }), fastOptions());
    expect(result.status).toBe('DONE');
  });

  it('reports the API error of an operation that ends DONE with an error, and changes nothing', async () => {
    fake().nextOperationError = { code: 9, message: 'Node pool legacy-pool: image streaming requires COS_CONTAINERD.' };
    const err = await applyStreamingChange(container(), await plan({ enable: true }), fastOptions()).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({
      kind: 'other',
      apiMessage: 'Node pool legacy-pool: image streaming requires COS_CONTAINERD.',
    });
    expect((err as Error).message).toMatch(
      /^GKE operation operation-\S+ failed: Node pool legacy-pool: image streaming requires COS_CONTAINERD\.$/,
    );
    expect(fake().cluster(SHOP).nodePoolDefaults.nodeConfigDefaults.gcfsConfig).toBeUndefined();
  });

  it('reports a refused update with the API message', async () => {
    fake().faults.push({
      route: 'clusters.update',
      status: 400,
      message: 'Autopilot clusters do not support this field.',
    });
    await expect(applyStreamingChange(container(), await plan({ enable: true }), fastOptions())).rejects.toMatchObject({
      kind: 'invalid',
      message:
        'GKE API refused to update cluster shop in projects/acme-prod/locations/europe-west1: Autopilot clusters do not support this field.',
    });
  });

  it('refuses a noop plan and a plan whose names are not valid, before any request', async () => {
    const noop = await plan({ enable: false });
    fake().requests.length = 0;
    await expect(applyStreamingChange(container(), noop, fastOptions())).rejects.toThrow(UsageError);
    const forged = { ...(await plan({ enable: true })), ref: { ...SHOP, cluster: '../x' } };
    fake().requests.length = 0;
    await expect(applyStreamingChange(container(), forged, fastOptions())).rejects.toThrow(/invalid cluster "..\/x"/);
    expect(fake().requests).toEqual([]);
  });
});
