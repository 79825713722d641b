import { ApplyProgress } from '../../src/gke/apply-options';
import { findRunningOperation } from '../../src/gke/find-running-operation';
import { waitForOperation } from '../../src/gke/wait-for-operation';
import { SHOP, SHOP_PATH, fastOptions, useGkeFake } from './gke-test-setup';

const { fake, container } = useGkeFake();

describe('findRunningOperation', () => {
  it('finds nothing on an idle cluster', async () => {
    expect(await findRunningOperation(container(), SHOP)).toBeNull();
    expect(fake().requests.map((r) => r.path)).toEqual(['/v1/projects/acme-prod/locations/europe-west1/operations']);
  });

  it('finds the operation running on the cluster, not one on a pool, and not a finished one', async () => {
    const done = fake().startBusyOperation(SHOP);
    fake().finishOperation(done);
    fake().startBusyOperation(SHOP, { pool: 'gpu-pool' });
    const running = fake().startBusyOperation(SHOP, { operationType: 'UPDATE_CLUSTER' });
    expect(await findRunningOperation(container(), SHOP)).toEqual({ name: running, location: 'europe-west1' });
  });

  it('finds the operation of one pool', async () => {
    fake().startBusyOperation(SHOP);
    const onPool = fake().startBusyOperation(SHOP, { pool: 'gpu-pool' });
    expect(await findRunningOperation(container(), SHOP, 'gpu-pool')).toEqual({
      name: onPool,
      location: 'europe-west1',
    });
    expect(await findRunningOperation(container(), SHOP, 'default-pool')).toBeNull();
  });

  it('ignores operations of another cluster of the same location', async () => {
    fake().startBusyOperation({ ...SHOP, cluster: 'other' });
    expect(await findRunningOperation(container(), SHOP)).toBeNull();
  });

  it('names the permission to list operations', async () => {
    fake().faults.push({ route: 'operations.list', status: 403 });
    await expect(findRunningOperation(container(), SHOP)).rejects.toThrow(
      /^missing IAM permission container\.operations\.list to list operations in projects\/acme-prod\/locations\/europe-west1/,
    );
  });
});

describe('resuming after a crash: find the running update and wait for it', () => {
  it('waits for the operation instead of sending the update again', async () => {
    // A first worker sent the update and died before the operation ended.
    const put = await container().projects.locations.clusters.update({
      name: SHOP_PATH,
      requestBody: { update: { desiredGcfsConfig: { enabled: true } } },
    });
    const found = await findRunningOperation(container(), SHOP);
    expect(found?.name).toBe(put.data.name);

    const events: ApplyProgress[] = [];
    const result = await waitForOperation(container(), SHOP, found!, fastOptions(events));
    expect(result).toMatchObject({ operation: put.data.name, status: 'DONE', operationType: 'UPDATE_CLUSTER' });
    expect(events.at(-1)).toEqual({ phase: 'done', operation: put.data.name, detail: 'DONE' });
    expect(fake().updateCalls(SHOP_PATH)).toBe(1);
    expect(fake().cluster(SHOP).nodePoolDefaults.nodeConfigDefaults.gcfsConfig).toEqual({ enabled: true });
  });

  it('stops waiting after maxWaitMs with a retryable error that says the operation goes on', async () => {
    const busy = fake().startBusyOperation(SHOP, { polls: 1000 });
    const err = await waitForOperation(
      container(),
      SHOP,
      { name: busy },
      fastOptions(undefined, { maxWaitMs: 1_000 }),
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'transient', retryable: true });
    expect((err as Error).message).toMatch(
      new RegExp(`^operation ${busy} is still RUNNING after 0 min; it goes on in GKE`),
    );
  });

  it('reports an unknown operation as not found', async () => {
    await expect(waitForOperation(container(), SHOP, { name: 'operation-404' }, fastOptions())).rejects.toMatchObject({
      kind: 'not_found',
      message: 'operation operation-404 of cluster shop not found: check the name, location and project',
    });
  });

  it('rejects an operation reference that would leave the operations path', async () => {
    await expect(waitForOperation(container(), SHOP, { name: '../clusters/shop' }, fastOptions())).rejects.toThrow(
      /invalid operation reference/,
    );
    expect(fake().requests).toEqual([]);
  });
});
