import { UsageError } from '../../src/errors';
import { readGoogleFacts } from '../../src/google/read-google-facts';
import { AR_IMAGE, NODE_SA, TARGETS, clusterName } from '../fakes/google-apis-scenario';
import { useFakeGoogle } from './google-test-setup';

const { fake, clients } = useFakeGoogle();

const value = (f: { known: boolean; value?: unknown } | undefined) => (f?.known ? f.value : f);

describe('cluster facts from the GKE API', () => {
  it('reads a Standard cluster with two pools, each with its own settings', async () => {
    const facts = await readGoogleFacts(TARGETS.standard, AR_IMAGE, clients());

    expect(facts.cluster).toMatchObject({ name: 'web', location: 'us-east1', project: 'acme-prod' });
    expect(value(facts.cluster.autopilot)).toBe(false);
    expect(value(facts.cluster.streamingDefault)).toBe(true);
    expect(facts.cluster.createdVersion).toMatchObject({ known: true, value: { raw: '1.24.10-gke.2300' } });
    expect(facts.cluster.subnetwork).toBe('projects/acme-prod/regions/us-east1/subnetworks/default');

    const [main, legacy] = facts.pools;
    expect(facts.pools).toHaveLength(2);
    expect(main).toMatchObject({
      name: 'default-pool',
      gkeVersion: { known: true, value: { major: 1, minor: 27, patch: 8, build: 1067004 } },
      imageType: { known: true, value: 'COS_CONTAINERD', source: 'GKE API nodePool.config.imageType' },
      streamingEnabled: { known: true, value: true },
      serviceAccount: { known: true, value: null },
      privateNodes: { known: true, value: false },
      nodeLocations: { known: true, value: ['us-east1-b', 'us-east1-c', 'us-east1-d'] },
    });
    expect(value(main!.oauthScopes)).toContain('https://www.googleapis.com/auth/devstorage.read_only');
    // legacy-pool has no gcfsConfig and no serviceAccount in the JSON: off, default account.
    expect(legacy).toMatchObject({
      name: 'legacy-pool',
      gkeVersion: { known: true, value: { raw: '1.24.10-gke.2300' } },
      imageType: { known: true, value: 'UBUNTU_CONTAINERD' },
      streamingEnabled: { known: true, value: false, source: 'GKE API nodePool.config.gcfsConfig.enabled' },
      serviceAccount: { known: true, value: null },
      nodeLocations: { known: true, value: ['us-east1-b'] },
    });
    expect(value(legacy!.oauthScopes)).not.toContain('https://www.googleapis.com/auth/devstorage.read_only');
  });

  it('reads a private cluster: private nodes, custom service account, streaming default off', async () => {
    const facts = await readGoogleFacts(TARGETS.private, AR_IMAGE, clients());

    expect(value(facts.cluster.streamingDefault)).toBe(false);
    expect(facts.pools).toHaveLength(1);
    expect(facts.pools[0]).toMatchObject({
      name: 'secure-pool',
      serviceAccount: { known: true, value: NODE_SA },
      privateNodes: { known: true, value: true, source: 'GKE API cluster.privateClusterConfig.enablePrivateNodes' },
      oauthScopes: { known: true, value: ['https://www.googleapis.com/auth/cloud-platform'] },
      // The pool lists no zones of its own: the cluster's zones stand in.
      nodeLocations: { known: true, value: ['europe-west1-b'] },
    });
  });

  it('reads an Autopilot cluster that lists no pool as one pool from the cluster defaults', async () => {
    const facts = await readGoogleFacts(TARGETS.autopilot, AR_IMAGE, clients());

    expect(value(facts.cluster.autopilot)).toBe(true);
    expect(facts.cluster.createdVersion).toMatchObject({ known: true, value: { raw: '1.27.3-gke.100' } });
    expect(facts.pools).toHaveLength(1);
    expect(facts.pools[0]).toMatchObject({
      gkeVersion: { known: true, value: { raw: '1.29.1-gke.1589018' } },
      imageType: { known: true, value: 'COS_CONTAINERD' },
      streamingEnabled: { known: true, value: true },
      serviceAccount: { known: true, value: null },
      nodeLocations: { known: true, value: ['us-central1-a', 'us-central1-b', 'us-central1-c', 'us-central1-f'] },
    });
  });

  it('takes the most specific private-nodes setting: pool, then network default, then legacy', async () => {
    const cluster = fake().state.clusters[clusterName('private')] as Record<string, any>;
    cluster.networkConfig.defaultEnablePrivateNodes = false;
    let facts = await readGoogleFacts(TARGETS.private, AR_IMAGE, clients());
    expect(facts.pools[0]!.privateNodes).toMatchObject({
      value: false,
      source: 'GKE API cluster.networkConfig.defaultEnablePrivateNodes',
    });

    cluster.nodePools[0].networkConfig.enablePrivateNodes = true;
    facts = await readGoogleFacts(TARGETS.private, AR_IMAGE, clients());
    expect(facts.pools[0]!.privateNodes).toMatchObject({
      value: true,
      source: 'GKE API nodePool.networkConfig.enablePrivateNodes',
    });
  });

  it('falls back to the cluster location when neither pool nor cluster lists zones', async () => {
    const cluster = fake().state.clusters[clusterName('private')] as Record<string, any>;
    delete cluster.locations;
    const facts = await readGoogleFacts(TARGETS.private, AR_IMAGE, clients());
    expect(facts.pools[0]!.nodeLocations).toEqual({
      known: true,
      value: ['europe-west1-b'],
      source: 'GKE API cluster.location',
    });
  });

  it('marks an unparsable or missing version unknown instead of guessing', async () => {
    const cluster = fake().state.clusters[clusterName('standard')] as Record<string, any>;
    cluster.nodePools[0].version = '1.27.8';
    delete cluster.initialClusterVersion;
    const facts = await readGoogleFacts(TARGETS.standard, AR_IMAGE, clients());
    expect(facts.pools[0]!.gkeVersion).toMatchObject({ known: false, reason: expect.stringContaining('"1.27.8"') });
    expect(facts.cluster.createdVersion).toMatchObject({
      known: false,
      reason: expect.stringContaining('cluster.initialClusterVersion'),
    });
  });

  it('keeps only the pool named by --pool', async () => {
    const facts = await readGoogleFacts({ ...TARGETS.standard, pool: 'legacy-pool' }, AR_IMAGE, clients());
    expect(facts.pools.map((p) => p.name)).toEqual(['legacy-pool']);
  });

  it('rejects a --pool the cluster does not have, listing the pools it has', async () => {
    const run = readGoogleFacts({ ...TARGETS.standard, pool: 'gpu-pool' }, AR_IMAGE, clients());
    await expect(run).rejects.toBeInstanceOf(UsageError);
    await expect(run).rejects.toThrow(/"gpu-pool" not found in cluster web.*default-pool, legacy-pool/);
  });

  it('does not trust a cluster response of the wrong shape', async () => {
    const cluster = fake().state.clusters[clusterName('standard')] as Record<string, any>;
    cluster.autopilot = { enabled: 'yes' };
    const facts = await readGoogleFacts(TARGETS.standard, AR_IMAGE, clients());
    expect(facts.cluster.autopilot).toMatchObject({
      known: false,
      reason: expect.stringContaining('autopilot.enabled'),
    });
    expect(facts.pools[0]!.imageType).toMatchObject({ known: false });
  });
});
