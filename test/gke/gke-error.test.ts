import { GkeError, blockingOperationName, isBusyError, toGkeError } from '../../src/gke/gke-error';
import { readClusterStatus } from '../../src/gke/read-cluster-status';
import { createGoogleClients } from '../../src/google/google-clients';
import { FAKE_TOKEN, startHttpFake } from '../fakes/http-fake';
import { SHOP, useGkeFake } from './gke-test-setup';

const { fake, container: client } = useGkeFake();

const CONTEXT = { action: 'update', resource: 'cluster shop', permission: 'container.clusters.update' };

describe('GkeError classification', () => {
  it('sorts HTTP answers into kinds and keeps the API status and message', async () => {
    const cases: Array<[number, string | undefined, string, boolean]> = [
      [400, 'FAILED_PRECONDITION', 'precondition', false],
      [400, undefined, 'invalid', false],
      [401, undefined, 'permission', false],
      [429, undefined, 'transient', true],
      [500, undefined, 'transient', true],
      [409, undefined, 'other', false],
    ];
    for (const [status, apiStatus, kind, retryable] of cases) {
      fake().faults = [
        { route: 'clusters.get', status, message: 'said by the API', ...(apiStatus ? { apiStatus } : {}) },
      ];
      const err = await readClusterStatus(client(), SHOP).catch((e: unknown) => e);
      expect(err).toMatchObject({ kind, status, retryable, apiMessage: 'said by the API' });
    }
  });

  it('treats the busy-cluster answer as retryable and names the operation', () => {
    const err = new GkeError('precondition', 'x', {
      status: 400,
      apiStatus: 'FAILED_PRECONDITION',
      apiMessage: 'Cluster is running incompatible operation operation-1700000000001-a1b2c3d5.',
    });
    expect(isBusyError(err)).toBe(true);
    expect(err.retryable).toBe(true);
    expect(blockingOperationName(err)).toBe('operation-1700000000001-a1b2c3d5');
    expect(isBusyError(new GkeError('precondition', 'x', { apiMessage: 'Node pool is being repaired.' }))).toBe(false);
  });

  it('a dropped connection or a closed port is transient and says so without a stack', async () => {
    const closed = await startHttpFake((_req, res) => res.end());
    await closed.close();
    const { container } = createGoogleClients({
      endpoints: { container: closed.url },
      accessToken: FAKE_TOKEN,
      retryDelayMs: 1,
    });
    const err = await container.projects.locations.clusters
      .get({ name: 'projects/acme-prod/locations/europe-west1/clusters/shop' })
      .catch((e: unknown) => toGkeError(e, CONTEXT));
    expect(err).toMatchObject({ kind: 'transient', retryable: true });
    expect((err as Error).message).toMatch(/^could not update cluster shop: GKE API unreachable: .*ECONNREFUSED/);
    expect((err as Error).message).not.toMatch(/\n\s+at /);
  });

  it('a local bug is not mistaken for a network failure', () => {
    expect(toGkeError(new TypeError('x is undefined'), CONTEXT)).toMatchObject({ kind: 'other', retryable: false });
  });
});
