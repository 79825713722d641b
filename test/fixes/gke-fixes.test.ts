/** The GKE fixes against the stateful GKE fake: replacement pool and pool upgrade, each following its operation. */
import { STREAMING_SCOPE } from '../../src/classifier/class-advice';
import { UsageError } from '../../src/errors';
import { GkeError } from '../../src/gke/gke-error';
import {
  createReplacementPool,
  gcloudReplacementPoolCommand,
  replacementPoolName,
  replacementPoolSpec,
} from '../../src/fixes/replacement-pool';
import { symlinkFixTarget, upgradePool } from '../../src/fixes/upgrade-pool';
import type { ApplyProgress } from '../../src/gke/apply-options';
import { SHOP, SHOP_PATH, fastOptions, useGkeFake } from '../gke/gke-test-setup';

const { fake, container } = useGkeFake();

describe('replacementPoolSpec', () => {
  it('copies the pool, adds the storage read scope, COS_CONTAINERD and streaming, drops output-only fields', () => {
    const legacy = structuredClone(fake().pool(SHOP, 'legacy-pool'));
    const spec = replacementPoolSpec(legacy, 'legacy-pool-ro');
    expect(spec.name).toBe('legacy-pool-ro');
    expect(spec.config?.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/logging.write',
      'https://www.googleapis.com/auth/monitoring',
      STREAMING_SCOPE,
    ]);
    expect(spec.config?.imageType).toBe('COS_CONTAINERD');
    expect(spec.config?.gcfsConfig).toEqual({ enabled: true });
    expect(spec.config?.machineType).toBe('n2-standard-8');
    expect(spec.locations).toEqual(['europe-west1-c']);
    expect(spec.initialNodeCount).toBe(2);
    for (const field of ['selfLink', 'status', 'etag']) expect(spec).not.toHaveProperty(field);
    // The source is not touched.
    expect(legacy.config.oauthScopes).toHaveLength(2);
  });

  it('does not add the scope twice', () => {
    const spec = replacementPoolSpec(fake().pool(SHOP, 'default-pool'), 'x');
    expect(spec.config?.oauthScopes?.filter((s) => s === STREAMING_SCOPE)).toHaveLength(1);
  });

  it('names the replacement POOL-ro within 40 characters', () => {
    expect(replacementPoolName('web')).toBe('web-ro');
    const long = replacementPoolName('a'.repeat(40));
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long.endsWith('-ro')).toBe(true);
  });

  it('prints the equivalent gcloud command', () => {
    const cmd = gcloudReplacementPoolCommand(SHOP, fake().pool(SHOP, 'legacy-pool'), 'legacy-pool-ro');
    expect(cmd).toMatch(/^gcloud container node-pools create legacy-pool-ro --cluster=shop --location=europe-west1/);
    expect(cmd).toContain('--image-type=COS_CONTAINERD --enable-image-streaming');
    expect(cmd).toContain(
      `--scopes=https://www.googleapis.com/auth/logging.write,https://www.googleapis.com/auth/monitoring,${STREAMING_SCOPE}`,
    );
    expect(cmd).toContain('--machine-type=n2-standard-8');
  });
});

describe('createReplacementPool', () => {
  it('creates the pool through POST .../nodePools and follows the operation to DONE', async () => {
    const events: ApplyProgress[] = [];
    const result = await createReplacementPool(container(), SHOP, 'legacy-pool', fastOptions(events));
    expect(result).toMatchObject({ status: 'DONE', newPool: 'legacy-pool-ro', operationType: 'CREATE_NODE_POOL' });
    const creates = fake().requests.filter((r) => r.route === 'nodePools.create');
    expect(creates).toHaveLength(1);
    expect(creates[0]!.path).toBe(`/v1/${SHOP_PATH}/nodePools`);
    const body = creates[0]!.body as { nodePool: Record<string, any> };
    expect(body.nodePool.config.oauthScopes).toContain(STREAMING_SCOPE);
    expect(body.nodePool.config.gcfsConfig).toEqual({ enabled: true });
    expect(fake().pool(SHOP, 'legacy-pool-ro').status).toBe('RUNNING');
    expect(events.map((e) => e.phase)).toContain('running');
    expect(events.at(-1)?.phase).toBe('done');
  });

  it('is idempotent: a second call waits for the running creation instead of creating again', async () => {
    const first = fake();
    // Start the creation, then "crash": only the POST is sent.
    await container().projects.locations.clusters.nodePools.create({
      parent: SHOP_PATH,
      requestBody: {
        nodePool: {
          ...structuredClone(first.pool(SHOP, 'legacy-pool')),
          name: 'legacy-pool-ro',
          config: { oauthScopes: [STREAMING_SCOPE], gcfsConfig: { enabled: true } },
        },
      },
    });
    const result = await createReplacementPool(container(), SHOP, 'legacy-pool', fastOptions());
    expect(result.operationType).toBe('CREATE_NODE_POOL');
    expect(first.requests.filter((r) => r.route === 'nodePools.create')).toHaveLength(1);
    expect(first.pool(SHOP, 'legacy-pool-ro').status).toBe('RUNNING');
    const again = await createReplacementPool(container(), SHOP, 'legacy-pool', fastOptions());
    expect(again).toMatchObject({ operation: '', reusedOperation: true, newPool: 'legacy-pool-ro' });
    expect(first.requests.filter((r) => r.route === 'nodePools.create')).toHaveLength(1);
  });

  it('refuses to take over a pool of that name that is not a replacement', async () => {
    fake()
      .cluster(SHOP)
      .nodePools.push({ name: 'legacy-pool-ro', config: { oauthScopes: [] } });
    await expect(createReplacementPool(container(), SHOP, 'legacy-pool', fastOptions())).rejects.toThrow(UsageError);
    expect(fake().requests.filter((r) => r.route === 'nodePools.create')).toHaveLength(0);
  });

  it('waits for a busy cluster, then creates', async () => {
    const busy = fake().startBusyOperation(SHOP, { polls: 2 });
    const result = await createReplacementPool(container(), SHOP, 'legacy-pool', fastOptions());
    expect(result.status).toBe('DONE');
    expect(
      fake()
        .operations()
        .find((o) => o.name === busy)?.status,
    ).toBe('DONE');
    expect(fake().acceptedUpdates(`${SHOP_PATH}/nodePools/legacy-pool-ro`)).toBe(1);
  });

  it('names the permission on a 403', async () => {
    fake().faults.push({ route: 'nodePools.create', status: 403, message: 'Required "container.clusters.update"' });
    await expect(createReplacementPool(container(), SHOP, 'legacy-pool', fastOptions())).rejects.toThrow(
      /container\.clusters\.update/,
    );
  });
});

describe('symlinkFixTarget', () => {
  it.each([
    ['1.25.10-gke.100', '1.25.14-gke.1351000'],
    ['1.26.9-gke.1344999', '1.26.9-gke.1345000'],
    ['1.27.3-gke.100', '1.27.6-gke.100'],
    ['1.28.1-gke.1000', '1.28.1-gke.1157000'],
    ['1.27.6-gke.100', null],
    ['1.28.3-gke.1203001', null],
    ['1.24.9-gke.100', null],
    ['1.29.1-gke.100', null],
    ['not-a-version', null],
  ])('%s -> %s', (version, expected) => {
    expect(symlinkFixTarget(version)).toBe(expected);
  });
});

describe('upgradePool', () => {
  it('sends PUT .../nodePools/NP {nodeVersion} and follows the operation', async () => {
    const result = await upgradePool(container(), SHOP, 'gpu-pool', '1.27.6-gke.100', fastOptions());
    expect(result).toMatchObject({ status: 'DONE', operationType: 'UPGRADE_NODES' });
    const update = fake().requests.find((r) => r.route === 'nodePools.update');
    expect(update?.path).toBe(`/v1/${SHOP_PATH}/nodePools/gpu-pool`);
    expect(update?.body).toEqual({ nodeVersion: '1.27.6-gke.100' });
    expect(fake().pool(SHOP, 'gpu-pool').version).toBe('1.27.6-gke.100');
  });

  it('reports the failed operation with the API message', async () => {
    fake().nextOperationError = { code: 9, message: 'Node version 1.27.6-gke.100 is not supported' };
    await expect(upgradePool(container(), SHOP, 'gpu-pool', '1.27.6-gke.100', fastOptions())).rejects.toThrow(
      /not supported/,
    );
    expect(fake().pool(SHOP, 'gpu-pool').version).toBe('1.27.3-gke.100');
  });

  it('rejects a bad version before any call', async () => {
    await expect(upgradePool(container(), SHOP, 'gpu-pool', '1.27', fastOptions())).rejects.toThrow(UsageError);
    expect(fake().requests).toHaveLength(0);
  });

  it('a 404 pool is a GkeError not_found', async () => {
    await expect(upgradePool(container(), SHOP, 'nope', '1.27.6-gke.100', fastOptions())).rejects.toMatchObject({
      kind: 'not_found',
    });
    expect(GkeError).toBeDefined();
  });
});
