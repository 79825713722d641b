/**
 * `imagestream check --cluster` end to end: the real CLI, the real googleapis clients against the
 * Google API fake, and the real distribution registry behind Artifact Registry's token flow.
 */
import { FakeGoogleApis, FAKE_TOKEN, startFakeGoogleApis } from '../fakes/google-apis';
import { clusterName, scenarioState } from '../fakes/google-apis-scenario';
import { startTokenProxy, TokenProxy } from '../fakes/token-proxy';
import { cli } from '../support/cli';
import { EMPTY_LAYER, layerOf, pushImage, pushIndex } from '../support/registry-images';
import { RegistryServer, startRegistry } from '../support/registry-server';

const IMAGE = 'us-east1-docker.pkg.dev/acme-prod/web/frontend:v5';
const WEB = ['--cluster', 'web', '--location', 'us-east1', '--project', 'acme-prod'];

let registry: RegistryServer;
let proxy: TokenProxy;
let google: FakeGoogleApis;

beforeAll(async () => {
  registry = await startRegistry();
  proxy = await startTokenProxy(registry.url);
  google = await startFakeGoogleApis(scenarioState());
  await pushImage(registry.url, 'acme-prod/web/frontend', {
    format: 'docker',
    tag: 'v5',
    layers: [layerOf({ app: '1' })],
  });
  await pushImage(registry.url, 'acme-prod/web/withempty', {
    format: 'docker',
    tag: 'v1',
    layers: [layerOf({ app: '1' }), EMPTY_LAYER],
  });
  const amd = await pushImage(registry.url, 'acme-prod/web/multi', { format: 'oci', layers: [layerOf({ a: 'amd' })] });
  const arm = await pushImage(registry.url, 'acme-prod/web/multi', {
    format: 'oci',
    layers: [layerOf({ a: 'arm' }), layerOf({ a: 'arm' })],
    architecture: 'arm64',
  });
  await pushIndex(registry.url, 'acme-prod/web/multi', 'v1', 'oci', [
    { image: amd, os: 'linux', architecture: 'amd64' },
    { image: arm, os: 'linux', architecture: 'arm64' },
  ]);
});

afterAll(async () => {
  await google?.close();
  await proxy?.stop();
  await registry?.stop();
});

beforeEach(() => {
  google.state = scenarioState();
  google.requests.length = 0;
});

function env(): NodeJS.ProcessEnv {
  return {
    GOOGLE_OAUTH_ACCESS_TOKEN: FAKE_TOKEN,
    CONTAINER_API_ENDPOINT: google.url,
    ARTIFACTREGISTRY_API_ENDPOINT: google.url,
    SERVICEUSAGE_API_ENDPOINT: google.url,
    COMPUTE_API_ENDPOINT: google.url,
    CLOUDRESOURCEMANAGER_API_ENDPOINT: google.url,
    IMAGESTREAM_REGISTRY_URL: proxy.url,
    // The mirror serves blobs from a second origin, which must be allowed like any other host.
    IMAGESTREAM_REGISTRY_HOSTS: proxy.storageHost,
  };
}

type Rule = { id: string; status: string; reason: string; fix: string | null };
const rule = (out: { rules: Rule[] }, id: string) => out.rules.find((r) => r.id === id)!;

describe('imagestream check --cluster', () => {
  it('says eligible for a streaming pool, from the APIs and the registry', async () => {
    const run = await cli(['check', IMAGE, ...WEB, '--pool', 'default-pool', '--json'], env());
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout);
    expect(out.rules.filter((r: Rule) => !['pass', 'skip'].includes(r.status))).toEqual([]);
    expect(out.verdict).toBe('eligible');
    expect(run.code).toBe(0);
    expect(rule(out, 'schema1').status).toBe('pass');
    expect(rule(out, 'api-enabled').status).toBe('pass');
    const apis = new Set(google.requests.map((r) => r.api));
    expect([...apis].sort()).toEqual(['artifactregistry', 'container', 'serviceusage']);
  });

  it('checks every pool without --pool and names the one that fails', async () => {
    const run = await cli(['check', IMAGE, ...WEB, '--json'], env());
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout);
    expect(out.verdict).toBe('not_eligible');
    expect(rule(out, 'node-image')).toMatchObject({
      status: 'fail',
      reason: expect.stringContaining('pool legacy-pool'),
    });
    expect(rule(out, 'streaming-enabled').fix).toContain(
      'gcloud container node-pools update legacy-pool --cluster=web --location=us-east1 --project=acme-prod --enable-image-streaming',
    );
    expect(rule(out, 'node-scopes').status).toBe('fail');
  });

  it('on a 403 from GKE, names the missing permission and still prints every other rule', async () => {
    google.state.failures.push({
      api: 'container',
      status: 403,
      message: "Required 'container.clusters.get' permission",
    });
    const run = await cli(['check', IMAGE, ...WEB, '--json'], env());
    expect(run.code).toBe(3);
    const out = JSON.parse(run.stdout);
    expect(out.verdict).toBe('unknown');
    expect(out.rules).toHaveLength(21);
    expect(rule(out, 'node-image')).toMatchObject({
      status: 'unknown',
      reason: expect.stringContaining('container.clusters.get'),
    });
    expect(rule(out, 'api-enabled').status).toBe('pass');
    expect(rule(out, 'empty-layer').status).toBe('pass');
  });

  it('prints the 403 reason in the terminal report too, without a stack trace', async () => {
    google.state.failures.push({ api: 'serviceusage', status: 403 });
    const run = await cli(['check', IMAGE, ...WEB, '--pool', 'default-pool'], env());
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/UNKNOWN\s+api-enabled\s+.*serviceusage\.services\.get/);
    expect(run.stderr).toBe('');
  });

  it('says which cluster was not found on a 404', async () => {
    delete google.state.clusters[clusterName('standard')];
    const run = await cli(['check', IMAGE, ...WEB, '--json'], env());
    expect(run.code).toBe(3);
    expect(rule(JSON.parse(run.stdout), 'node-image').reason).toContain('cluster web not found');
  });

  it('rejects a pool that is not in the cluster, listing the pools', async () => {
    const run = await cli(['check', IMAGE, ...WEB, '--pool', 'nope'], env());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('default-pool');
  });

  it('fails an image with the empty layer, read through the token flow', async () => {
    const run = await cli(
      ['check', 'us-east1-docker.pkg.dev/acme-prod/web/withempty:v1', ...WEB, '--pool', 'default-pool', '--json'],
      env(),
    );
    expect(run.code).toBe(1);
    expect(rule(JSON.parse(run.stdout), 'empty-layer').status).toBe('fail');
  });

  it("picks the nodes' platform from a multi-platform index and says so", async () => {
    const base = [
      'check',
      'us-east1-docker.pkg.dev/acme-prod/web/multi:v1',
      ...WEB,
      '--pool',
      'default-pool',
      '--json',
    ];
    const amd = JSON.parse((await cli(base, env())).stdout);
    expect(amd.notes[0]).toContain('checked linux/amd64');
    expect(rule(amd, 'duplicate-layers').status).toBe('pass');
    // The arm64 entry repeats a layer: on 1.27 nodes that image is downloaded without streaming.
    const arm = JSON.parse((await cli([...base, '--platform', 'linux/arm64'], env())).stdout);
    expect(arm.notes[0]).toContain('checked linux/arm64');
    expect(rule(arm, 'duplicate-layers').status).toBe('fail');
  });

  it('prints rules that share one unreadable fact once, in the terminal report', async () => {
    const run = await cli(['check', IMAGE, ...WEB, '--pool', 'default-pool'], {
      ...env(),
      IMAGESTREAM_REGISTRY_URL: 'http://127.0.0.1:9',
    });
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(
      /^UNKNOWN schema1, duplicate-layers, empty-layer +image manifest: could not read the manifest/m,
    );
  });

  it('a wrong access token makes the registry facts unknown, naming the permission', async () => {
    const run = await cli(['check', IMAGE, ...WEB, '--pool', 'default-pool', '--json'], {
      ...env(),
      GOOGLE_OAUTH_ACCESS_TOKEN: 'wrong',
    });
    expect(run.code).toBe(3);
    expect(rule(JSON.parse(run.stdout), 'schema1').reason).toContain('artifactregistry.repositories.downloadArtifacts');
  });
});
