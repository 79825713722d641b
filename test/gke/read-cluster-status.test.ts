import { UsageError } from '../../src/errors';
import { GkeError } from '../../src/gke/gke-error';
import { readClusterStatus } from '../../src/gke/read-cluster-status';
import { JOBS, SHOP, useGkeFake } from './gke-test-setup';

const { fake, container } = useGkeFake();

describe('readClusterStatus', () => {
  it('reports the cluster default and, per pool, the setting, where it comes from, version, image and warnings', async () => {
    const status = await readClusterStatus(container(), SHOP);
    expect(status).toMatchObject({
      ref: SHOP,
      autopilot: false,
      clusterDefault: false,
      masterVersion: '1.28.3-gke.1203001',
      warnings: [],
    });
    const [defaultPool, gpu, legacy] = status.pools;
    expect(defaultPool).toEqual({
      name: 'default-pool',
      streaming: false,
      source: 'cluster',
      version: '1.28.3-gke.1203001',
      imageType: 'COS_CONTAINERD',
      warnings: [],
    });
    expect(gpu).toMatchObject({ name: 'gpu-pool', streaming: true, source: 'explicit', version: '1.27.3-gke.100' });
    expect(gpu!.warnings).toEqual([
      expect.stringMatching(/symlink rename bug.*No such device or address.*fixed in 1\.27\.6-gke\.100/),
    ]);
    expect(legacy).toMatchObject({
      name: 'legacy-pool',
      streaming: false,
      source: 'cluster',
      imageType: 'UBUNTU_CONTAINERD',
    });
    expect(legacy!.warnings).toEqual([
      'node image UBUNTU_CONTAINERD is not COS_CONTAINERD: images are not streamed on this pool',
    ]);
  });

  it('sees a pool as explicit when it is off while the cluster default is on', async () => {
    fake().cluster(SHOP).nodePoolDefaults.nodeConfigDefaults.gcfsConfig = { enabled: true };
    const status = await readClusterStatus(container(), SHOP);
    expect(status.clusterDefault).toBe(true);
    expect(status.pools.map((p) => [p.name, p.source])).toEqual([
      ['default-pool', 'explicit'],
      ['gpu-pool', 'cluster'],
      ['legacy-pool', 'explicit'],
    ]);
  });

  it('warns that Autopilot cannot be disabled per cluster, and about an Autopilot cluster created before 1.25.5-gke.1000', async () => {
    const status = await readClusterStatus(container(), JOBS);
    expect(status.autopilot).toBe(true);
    expect(status.clusterDefault).toBe(true);
    expect(status.warnings).toEqual([
      expect.stringMatching(/^Autopilot: image streaming cannot be disabled per cluster/),
      expect.stringMatching(/created at GKE 1\.24\.9-gke\.3200, before 1\.25\.5-gke\.1000/),
    ]);
  });

  it('names the missing permission on 403', async () => {
    fake().faults.push({ route: 'clusters.get', status: 403, message: "Required 'container.clusters.get' permission" });
    const err = await readClusterStatus(container(), SHOP).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GkeError);
    expect(err).toMatchObject({ kind: 'permission', status: 403, retryable: false });
    expect((err as GkeError).message).toMatch(
      /^missing IAM permission container\.clusters\.get to read cluster shop in projects\/acme-prod\/locations\/europe-west1/,
    );
  });

  it('names the cluster on 404', async () => {
    const err = await readClusterStatus(container(), { ...SHOP, cluster: 'nope' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'not_found', status: 404 });
    expect((err as GkeError).message).toBe(
      'cluster nope in projects/acme-prod/locations/europe-west1 not found: check the name, location and project',
    );
  });

  it('rejects a reference that breaks the name rules before any request', async () => {
    await expect(readClusterStatus(container(), { ...SHOP, cluster: 'shop/../../x' })).rejects.toThrow(UsageError);
    expect(fake().requests).toEqual([]);
  });

  it('refuses an answer that is not a cluster', async () => {
    fake().cluster(SHOP).nodePools = 'oops';
    await expect(readClusterStatus(container(), SHOP)).rejects.toMatchObject({
      kind: 'other',
      message: expect.stringMatching(/unexpected cluster .* at nodePools/),
    });
  });
});
