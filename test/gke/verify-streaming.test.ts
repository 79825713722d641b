import { UsageError } from '../../src/errors';
import { applyStreamingChange } from '../../src/gke/apply-streaming-change';
import { planStreamingChange } from '../../src/gke/plan-streaming-change';
import { readClusterStatus } from '../../src/gke/read-cluster-status';
import { verifyStreaming } from '../../src/gke/verify-streaming';
import { SHOP, fastOptions, useGkeFake } from './gke-test-setup';

const { fake, container } = useGkeFake();

describe('verifyStreaming', () => {
  it('shows gcfsConfig like gcloud describe: {} when off, {enabled: true} when on, and the node label of streaming pools', async () => {
    expect(await verifyStreaming(container(), SHOP)).toEqual({
      ref: SHOP,
      clusterDefault: { gcfsConfig: {} },
      pools: [
        { name: 'default-pool', gcfsConfig: {}, nodeLabel: null },
        { name: 'gpu-pool', gcfsConfig: { enabled: true }, nodeLabel: 'cloud.google.com/gke-image-streaming=true' },
        { name: 'legacy-pool', gcfsConfig: {}, nodeLabel: null },
      ],
    });
  });

  it('confirms a change after it is applied', async () => {
    const plan = planStreamingChange(await readClusterStatus(container(), SHOP), { enable: true });
    await applyStreamingChange(container(), plan, fastOptions());
    const verified = await verifyStreaming(container(), SHOP, 'default-pool');
    expect(verified.clusterDefault).toEqual({ gcfsConfig: { enabled: true } });
    expect(verified.pools).toEqual([
      { name: 'default-pool', gcfsConfig: { enabled: true }, nodeLabel: 'cloud.google.com/gke-image-streaming=true' },
    ]);
  });

  it('refuses a pool the cluster does not have, listing its pools', async () => {
    const run = verifyStreaming(container(), SHOP, 'web');
    await expect(run).rejects.toBeInstanceOf(UsageError);
    await expect(run).rejects.toThrow(
      'node pool "web" not found in cluster shop; its node pools: default-pool, gpu-pool, legacy-pool',
    );
  });

  it('rejects a pool name that breaks the GKE name rule before any request', async () => {
    await expect(verifyStreaming(container(), SHOP, 'Pool/../x')).rejects.toThrow(/^invalid pool "Pool\/..\/x"/);
    expect(fake().requests).toEqual([]);
  });

  it('names the permission it lacks', async () => {
    fake().faults.push({ route: 'clusters.get', status: 403 });
    await expect(verifyStreaming(container(), SHOP)).rejects.toMatchObject({
      kind: 'permission',
      message: expect.stringMatching(/^missing IAM permission container\.clusters\.get/),
    });
  });
});
