/**
 * An update whose answer never came (a timeout, a 5xx after GKE started it): GKE runs the
 * operation on its own, so the bot finds and follows it instead of sending the change again.
 * The fake's operations end on their own here (finishOperationsAfterMs), as real GKE's do.
 */
import type { container_v1 } from 'googleapis/build/src/apis/container';
import { ApplyProgress } from '../../src/gke/apply-options';
import { applyStreamingChange } from '../../src/gke/apply-streaming-change';
import { planStreamingChange } from '../../src/gke/plan-streaming-change';
import { readClusterStatus } from '../../src/gke/read-cluster-status';
import { upgradePool } from '../../src/fixes/upgrade-pool';
import { createGoogleClients } from '../../src/google/google-clients';
import { FAKE_TOKEN } from '../fakes/http-fake';
import { SHOP, SHOP_PATH, fastOptions, useGkeFake } from './gke-test-setup';

const { fake } = useGkeFake();
// Short, so a slow answer times out fast; the fake's delay is well past it.
const TIMEOUT_MS = 200;
const SLOW_MS = 800;
let container: container_v1.Container;
beforeAll(() => {
  // The production client (gaxios resends a PUT on a timeout unless told not to), with a short timeout.
  container = createGoogleClients({
    endpoints: { container: fake().url },
    accessToken: FAKE_TOKEN,
    retryDelayMs: 1,
    timeoutMs: TIMEOUT_MS,
  }).container;
});

const enableShop = async (events?: ApplyProgress[]) =>
  applyStreamingChange(
    container,
    planStreamingChange(await readClusterStatus(container, SHOP), { enable: true }),
    fastOptions(events),
  );
const listCalls = () => fake().requests.filter((r) => r.route === 'operations.list').length;

describe('an update whose answer was lost', () => {
  it('operation DONE before any resend: followed, the update sent and applied once', async () => {
    fake().finishOperationsAfterMs = 10;
    fake().faults.push({ route: 'clusters.update', status: 'pass', delayMs: SLOW_MS, times: 1, afterHandling: true });
    const events: ApplyProgress[] = [];
    const result = await enableShop(events);
    const [op] = fake().operations();
    expect(op!.status).toBe('DONE');
    expect(result).toMatchObject({ operation: op!.name, status: 'DONE', reusedOperation: true });
    expect(fake().updateCalls(SHOP_PATH)).toBe(1);
    expect(fake().acceptedUpdates(SHOP_PATH)).toBe(1);
    expect(events.at(-1)).toEqual({ phase: 'done', operation: op!.name, detail: 'DONE' });
    expect(fake().cluster(SHOP).nodePoolDefaults.nodeConfigDefaults.gcfsConfig).toEqual({ enabled: true });
  });

  it('operation still running: followed to DONE, not sent again', async () => {
    fake().faults.push({ route: 'clusters.update', status: 'pass', delayMs: SLOW_MS, times: 1, afterHandling: true });
    const events: ApplyProgress[] = [];
    const result = await enableShop(events);
    const [op] = fake().operations();
    expect(result).toMatchObject({ operation: op!.name, status: 'DONE' });
    expect(fake().updateCalls(SHOP_PATH)).toBe(1);
    expect(events.filter((e) => e.phase === 'running').map((e) => e.operation)).toContain(op!.name);
    expect(fake().cluster(SHOP).nodePoolDefaults.nodeConfigDefaults.gcfsConfig).toEqual({ enabled: true });
  });

  it('a 503 after GKE started it, DONE on its own: not sent again', async () => {
    fake().finishOperationsAfterMs = 0;
    fake().faults.push({ route: 'nodePools.update', status: 503, times: 1, afterHandling: true });
    const version = fake().pool(SHOP, 'default-pool').version as string;
    await upgradePool(container, SHOP, 'default-pool', version.replace(/-gke\.\d+$/, '-gke.9999'), {
      ...fastOptions(),
      // Real delays: the operation ends on a timer before the bot looks.
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 20))),
    });
    expect(fake().updateCalls(`${SHOP_PATH}/nodePools/default-pool`)).toBe(1);
    expect(fake().acceptedUpdates(`${SHOP_PATH}/nodePools/default-pool`)).toBe(1);
    expect(fake().pool(SHOP, 'default-pool').version).toMatch(/-gke\.9999$/);
  });

  it('the operation ended with an error: that error, nothing sent again', async () => {
    fake().nextOperationError = { code: 13, message: 'Internal error while updating the cluster.' };
    fake().faults.push({ route: 'clusters.update', status: 503, times: 1, afterHandling: true });
    await expect(enableShop()).rejects.toMatchObject({
      kind: 'other',
      message: expect.stringContaining('failed: Internal error while updating the cluster.'),
    });
    expect(fake().updateCalls(SHOP_PATH)).toBe(1);
  });

  it('an operation of the same kind that did not make our change: not adopted, the update is sent again', async () => {
    // Someone else's cluster update, just finished; our first PUT gets a 503 and starts nothing.
    const theirs = fake().startBusyOperation(SHOP, { operationType: 'UPDATE_CLUSTER' });
    fake().finishOperation(theirs);
    fake().faults.push({ route: 'clusters.update', status: 503, times: 1 });
    const result = await enableShop();
    expect(result.operation).not.toBe(theirs);
    expect(fake().updateCalls(SHOP_PATH)).toBe(2);
    expect(fake().acceptedUpdates(SHOP_PATH)).toBe(1);
  });

  it('an operation of another kind on the cluster is not taken for ours', async () => {
    const other = fake().startBusyOperation(SHOP, { operationType: 'SET_LABELS' });
    fake().finishOperation(other);
    fake().faults.push({ route: 'clusters.update', status: 'drop', times: 1 });
    const result = await enableShop();
    expect(result.operation).not.toBe(other);
    expect(result.reusedOperation).toBeUndefined();
    expect(fake().updateCalls(SHOP_PATH)).toBe(2);
    expect(fake().acceptedUpdates(SHOP_PATH)).toBe(1);
  });

  it('a 429 starts nothing: sent again without looking', async () => {
    fake().faults.push({ route: 'clusters.update', status: 429, times: 1 });
    await enableShop();
    expect(listCalls()).toBe(0);
    expect(fake().updateCalls(SHOP_PATH)).toBe(2);
    expect(fake().acceptedUpdates(SHOP_PATH)).toBe(1);
  });

  it('without container.operations.list: the setting says the lost update was applied', async () => {
    fake().finishOperationsAfterMs = 0;
    fake().faults.push({ route: 'operations.list', status: 403 });
    fake().faults.push({ route: 'clusters.update', status: 503, times: 1, afterHandling: true });
    const result = await applyStreamingChange(
      container,
      planStreamingChange(await readClusterStatus(container, SHOP), { enable: true }),
      { ...fastOptions(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 20))) },
    );
    expect(result).toEqual({ operation: '', status: 'DONE', reusedOperation: true });
    expect(fake().updateCalls(SHOP_PATH)).toBe(1);
    expect(fake().acceptedUpdates(SHOP_PATH)).toBe(1);
  });
});
