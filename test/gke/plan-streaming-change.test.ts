import { UsageError } from '../../src/errors';
import { planStreamingChange } from '../../src/gke/plan-streaming-change';
import { ClusterStatus, readClusterStatus } from '../../src/gke/read-cluster-status';
import { JOBS, SHOP, useGkeFake } from './gke-test-setup';

const { fake, container } = useGkeFake();

let shop: ClusterStatus;
let jobs: ClusterStatus;
beforeEach(async () => {
  shop = await readClusterStatus(container(), SHOP);
  jobs = await readClusterStatus(container(), JOBS);
});

describe('planStreamingChange', () => {
  it('enabling at cluster level changes the pools that follow the cluster, not the explicit ones', () => {
    const plan = planStreamingChange(shop, { enable: true });
    expect(plan).toMatchObject({ ref: SHOP, scope: 'cluster', enable: true, from: false, to: true, noop: false });
    expect(plan.pool).toBeUndefined();
    expect(plan.poolsAffected).toEqual(['default-pool', 'legacy-pool']);
    expect(plan.notes).toEqual(
      expect.arrayContaining([
        'node pools set explicitly keep their own setting: gpu-pool (on)',
        expect.stringMatching(/does not say which pools were set explicitly/),
        expect.stringMatching(/^legacy-pool: node image UBUNTU_CONTAINERD is not COS_CONTAINERD/),
        expect.stringMatching(/does not say whether this change recreates nodes/),
      ]),
    );
  });

  it('disabling at cluster level when it is already off is a noop that affects no pool', () => {
    const plan = planStreamingChange(shop, { enable: false });
    expect(plan).toMatchObject({ scope: 'cluster', from: false, to: false, noop: true, poolsAffected: [] });
    expect(plan.notes).toEqual(['image streaming is already off at cluster level; nothing to change']);
  });

  it('disabling at cluster level warns about node auto-provisioning (docs/image-streaming.md nap)', async () => {
    fake().cluster(SHOP).nodePoolDefaults.nodeConfigDefaults.gcfsConfig = { enabled: true };
    const plan = planStreamingChange(await readClusterStatus(container(), SHOP), { enable: false });
    expect(plan).toMatchObject({ from: true, to: false, noop: false, poolsAffected: ['gpu-pool'] });
    expect(plan.notes).toContain(
      'node auto-provisioning and workload separation cannot create streaming pools while the cluster level is off',
    );
  });

  it('plans a pool change, noting that the pool then keeps its own setting', () => {
    const plan = planStreamingChange(shop, { enable: true, pool: 'default-pool' });
    expect(plan).toMatchObject({
      scope: 'pool',
      pool: 'default-pool',
      from: false,
      to: true,
      noop: false,
      poolsAffected: ['default-pool'],
    });
    expect(plan.notes[0]).toBe(
      'node pool default-pool then keeps its own setting: later cluster-level changes no longer apply to it',
    );
  });

  it('disabling a pool on the symlink-affected version is planned; enabling it again is a noop', () => {
    expect(planStreamingChange(shop, { enable: false, pool: 'gpu-pool' })).toMatchObject({
      from: true,
      to: false,
      noop: false,
      poolsAffected: ['gpu-pool'],
    });
    expect(planStreamingChange(shop, { enable: true, pool: 'gpu-pool' })).toMatchObject({
      noop: true,
      poolsAffected: [],
    });
  });

  it('refuses an unknown pool and lists the pools', () => {
    expect(() => planStreamingChange(shop, { enable: true, pool: 'web' })).toThrow(UsageError);
    expect(() => planStreamingChange(shop, { enable: true, pool: 'web' })).toThrow(
      'node pool "web" not found in cluster shop; its node pools: default-pool, gpu-pool, legacy-pool',
    );
  });

  it.each([{ enable: false }, { enable: true }, { enable: false, pool: 'default-pool' }])(
    'refuses Autopilot: no per-cluster switch (%j)',
    (request) => {
      expect(() => planStreamingChange(jobs, request)).toThrow(UsageError);
      expect(() => planStreamingChange(jobs, request)).toThrow(
        /cluster jobs is Autopilot: .*only disabling the Container File System API/,
      );
    },
  );
});
