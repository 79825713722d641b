/**
 * The simulated cloud as the bot's own clients read it: three clusters in GKE, images that pass
 * and fail the image rules in the registry, gcfsd errors and pull events in Cloud Logging, each
 * through the CLI (the same core as the bot) pointed at the simulator.
 */
import { startSimulatedCloud, type SimulatedCloud, SIM_TOKEN } from '../../playground/sim/start-sim';
import { classifyEntry } from '../../src/classifier/classify-entry';
import { gcfsdFilter } from '../../src/cloud-logging/gcfsd-filter';
import { pullEventsFilter } from '../../src/cloud-logging/pull-events-filter';
import { cli } from '../support/cli';

let cloud: SimulatedCloud;
beforeAll(async () => {
  cloud = await startSimulatedCloud({ operationMs: 200 });
});
afterAll(async () => {
  await cloud?.close();
});

/** A check's JSON report: the verdict and each rule's status. */
async function check(image: string, cluster: string, location: string) {
  const run = await cli(['check', image, '--cluster', cluster, '--location', location, '--json'], cloud.env);
  try {
    return JSON.parse(run.stdout) as { verdict?: string; rules?: Array<{ id: string; status: string }> };
  } catch {
    throw new Error(
      `check printed no JSON (exit ${run.code}): ${run.stdout.slice(0, 500)} ${run.stderr.slice(0, 500)}`,
    );
  }
}
const statusOf = (report: Awaited<ReturnType<typeof check>>, id: string) =>
  report.rules?.find((r) => r.id === id)?.status;

describe('the simulated cloud', () => {
  it('serves the three clusters over the GKE API, with the token the bot is given', async () => {
    const res = await fetch(`${cloud.gke.url}v1/projects/acme-prod/locations/-/clusters`, {
      headers: { authorization: `Bearer ${SIM_TOKEN}` },
    });
    expect(res.status).toBe(200);
    const { clusters } = (await res.json()) as { clusters: Array<{ name: string; autopilot?: { enabled?: boolean } }> };
    expect(clusters.map((c) => c.name).sort()).toEqual(['batch', 'shop', 'web']);
    expect(clusters.find((c) => c.autopilot?.enabled)?.name).toBe('batch');
    const described = cloud.clusters();
    const gpu = described.find((c) => c.name === 'shop')!.pools.find((p) => p.name === 'gpu-pool')!;
    expect(gpu).toMatchObject({ version: '1.27.3-gke.100', streaming: true });
    expect(new Set(described.flatMap((c) => c.pools.map((p) => p.imageType)))).toEqual(
      new Set(['COS_CONTAINERD', 'UBUNTU_CONTAINERD']),
    );
  });

  it('shows the symlink rename bug on shop, which the check reports on its gpu-pool', async () => {
    const report = await check('us-east1-docker.pkg.dev/acme-prod/web/frontend:v5', 'shop', 'europe-west1');
    expect(statusOf(report, 'symlink-rename')).toBe('warn');
  });

  it.each([
    ['us-east1-docker.pkg.dev/acme-prod/web/frontend:v5', 'schema1', 'pass'],
    ['us-east1-docker.pkg.dev/acme-prod/web/legacy:v1', 'schema1', 'fail'],
    ['us-east1-docker.pkg.dev/acme-prod/web/empty-layer:v1', 'empty-layer', 'fail'],
    ['us-east1-docker.pkg.dev/acme-prod/web/dup-layers:v1', 'duplicate-layers', 'fail'],
    ['asia-docker.pkg.dev/acme-prod/apac/api:v1', 'region', 'fail'],
    ['us-docker.pkg.dev/acme-prod/shared/tools:v2', 'region', 'pass'],
    ['docker.io/library/nginx:1.25', 'artifact-registry', 'fail'],
  ])('check %s on web: %s is %s', async (image, rule, status) => {
    expect(statusOf(await check(image, 'web', 'us-east1'), rule)).toBe(status);
  });

  it("keeps gcfsd errors per cluster in Cloud Logging, read with the bot's own filter", async () => {
    const classes = async (cluster: string, location: string) => {
      const filter = gcfsdFilter({ project: 'acme-prod', cluster, location, since: '24h' });
      const res = await fetch(`${cloud.logging.url}v2/entries:list`, {
        method: 'POST',
        headers: { authorization: `Bearer ${SIM_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ resourceNames: ['projects/acme-prod'], filter, pageSize: 1000 }),
      });
      const { entries } = (await res.json()) as { entries: unknown[] };
      return new Set(entries.map((e) => classifyEntry(e).class));
    };
    expect(await classes('web', 'us-east1')).toEqual(
      new Set(['quota_exceeded', 'invalid_argument', 'failed_precondition', 'none']),
    );
    expect(await classes('shop', 'europe-west1')).toContain('symlink_rename');
    expect(await classes('batch', 'us-central1')).toEqual(new Set(['failed_precondition', 'none']));
  });

  it('keeps pull events (streamed, cached, full) of web, dated recently', async () => {
    const filter = pullEventsFilter({ project: 'acme-prod', location: 'us-east1', cluster: 'web', since: '1h' });
    const res = await fetch(`${cloud.logging.url}v2/entries:list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SIM_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ resourceNames: ['projects/acme-prod'], filter, pageSize: 1000 }),
    });
    const { entries } = (await res.json()) as { entries: Array<{ jsonPayload: { reason: string; message: string } }> };
    const reasons = entries.map((e) => e.jsonPayload.reason);
    expect(reasons).toContain('ImageStreaming');
    expect(entries.some((e) => /already present on machine/.test(e.jsonPayload.message))).toBe(true);
    expect(reasons.filter((r) => r === 'Pulled').length).toBeGreaterThan(2);
  });
});
