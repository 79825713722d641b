import { EMPTY_LAYER_DIGEST, EMPTY_TAR_DIFF_ID } from '../../src/rules/empty-layer';
import { parseImageRef } from '../../src/images/image-ref';
import { eligibleFacts, k, manifest, pool, u, ver } from '../support/facts';
import { ruleOf } from './helpers';

const at = (v: string, extra: Parameters<typeof eligibleFacts>[0] = {}) =>
  eligibleFacts({ pools: [pool({ gkeVersion: ver(v) })], ...extra });

describe('pull-secret (supported from 1.23.5-gke.1900)', () => {
  it('passes at the threshold even with a pull secret', () => {
    expect(ruleOf(at('1.23.5-gke.1900', { workload: { usesPullSecret: true } }), 'pull-secret').status).toBe('pass');
  });
  it('fails just below it when the workload uses one', () => {
    const r = ruleOf(at('1.23.5-gke.1899', { workload: { usesPullSecret: true } }), 'pull-secret');
    expect(r.status).toBe('fail');
    expect(r.fix).toContain('1.23.5-gke.1900');
  });
  it('passes below it when the workload uses none', () => {
    expect(ruleOf(at('1.22.0-gke.1', { workload: { usesPullSecret: false } }), 'pull-secret').status).toBe('pass');
  });
  it('is skipped below it when nobody said, naming --pull-secret', () => {
    expect(ruleOf(at('1.22.0-gke.1', { workload: {} }), 'pull-secret').settledBy).toContain('--pull-secret');
  });
});

describe('schema1', () => {
  it('passes for schema 2 and OCI', () => {
    expect(ruleOf(eligibleFacts(), 'schema1').status).toBe('pass');
  });
  it('fails for a schema 1 manifest at any version', () => {
    const facts = at('1.30.1-gke.1', {
      manifest: k(
        manifest({ schemaVersion: 1, mediaType: 'application/vnd.docker.distribution.manifest.v1+prettyjws' }),
      ),
    });
    expect(ruleOf(facts, 'schema1').status).toBe('fail');
  });
  it('is unknown when the registry could not be read', () => {
    expect(ruleOf(eligibleFacts({ manifest: u('registry answered 403') }), 'schema1').status).toBe('unknown');
  });
});

describe('cmek (eligible from 1.25.3-gke.1000)', () => {
  const key = 'projects/acme/locations/us-east1/keyRings/r/cryptoKeys/k';
  it('passes at the threshold with a CMEK repository', () => {
    expect(ruleOf(at('1.25.3-gke.1000', { repositoryCmek: k(key) }), 'cmek').status).toBe('pass');
  });
  it('fails just below it with a CMEK repository, naming the key', () => {
    const r = ruleOf(at('1.25.3-gke.999', { repositoryCmek: k(key) }), 'cmek');
    expect(r.status).toBe('fail');
    expect(r.reason).toContain(key);
  });
  it('passes below it with Google-managed encryption', () => {
    expect(ruleOf(at('1.24.0-gke.1', { repositoryCmek: k(null) }), 'cmek').status).toBe('pass');
  });
  it('is unknown below it when the repository could not be read', () => {
    const r = ruleOf(
      at('1.24.0-gke.1', { repositoryCmek: u('permission artifactregistry.repositories.get denied') }),
      'cmek',
    );
    expect(r.status).toBe('unknown');
  });
});

describe('duplicate-layers (eligible from 1.28)', () => {
  const dup = 'sha256:' + 'd'.repeat(64);
  const dupManifest = k(manifest({ layers: [dup, 'sha256:' + 'e'.repeat(64), dup] }));
  it('passes at 1.28 with duplicate layers', () => {
    expect(ruleOf(at('1.28.0-gke.100', { manifest: dupManifest }), 'duplicate-layers').status).toBe('pass');
  });
  it('fails on 1.27 with duplicate layers', () => {
    const r = ruleOf(at('1.27.99-gke.99999', { manifest: dupManifest }), 'duplicate-layers');
    expect(r.status).toBe('fail');
    expect(r.reason).toContain(dup.slice(0, 19));
  });
  it('counts duplicates among the config diff IDs too (what docker inspect lists)', () => {
    const diffDup = 'sha256:' + 'f'.repeat(64);
    const facts = at('1.27.1-gke.1', { manifest: k(manifest({ diffIds: [diffDup, diffDup] })) });
    expect(ruleOf(facts, 'duplicate-layers').status).toBe('fail');
  });
  it('passes from 1.28 even when the manifest could not be read', () => {
    expect(ruleOf(at('1.28.0-gke.1', { manifest: u('registry down') }), 'duplicate-layers').status).toBe('pass');
  });
  it('is unknown before 1.28 when the manifest could not be read', () => {
    expect(ruleOf(at('1.27.0-gke.1', { manifest: u('registry down') }), 'duplicate-layers').status).toBe('unknown');
  });
  it('passes on an old version without duplicates', () => {
    expect(ruleOf(at('1.20.0-gke.1'), 'duplicate-layers').status).toBe('pass');
  });
});

describe('empty-layer', () => {
  it('fails when a manifest layer is the gzip of an empty tar', () => {
    const facts = eligibleFacts({
      manifest: k(manifest({ layers: ['sha256:' + '1'.repeat(64), EMPTY_LAYER_DIGEST] })),
    });
    expect(ruleOf(facts, 'empty-layer').status).toBe('fail');
  });
  it('fails when the config lists the empty tar diff ID', () => {
    const facts = eligibleFacts({ manifest: k(manifest({ diffIds: [EMPTY_TAR_DIFF_ID] })) });
    expect(ruleOf(facts, 'empty-layer').status).toBe('fail');
  });
  it('passes otherwise, at any version', () => {
    expect(ruleOf(at('1.30.0-gke.1'), 'empty-layer').status).toBe('pass');
  });
});

describe('region', () => {
  const image = (loc: string) => parseImageRef(`${loc}-docker.pkg.dev/acme/web/frontend:v5`);
  const where = (repo: string, nodes: string) =>
    ruleOf(eligibleFacts({ image: image(repo), pools: [pool({ nodeLocations: k([nodes]) })] }), 'region');
  it.each([
    ['us-east1', 'us-east1-b', 'pass'],
    ['us', 'us-east1-b', 'pass'],
    ['us', 'us-central1', 'pass'],
    ['us-central1', 'us-east1-b', 'fail'],
    ['europe', 'us-east1-c', 'fail'],
    ['northamerica-northeast1', 'northamerica-northeast1-a', 'pass'],
    ['us', 'northamerica-northeast1-a', 'fail'],
    ['europe', 'europe-west1-b', 'pass'],
    ['asia', 'asia-east1-a', 'pass'],
    ['us', 'southamerica-east1-a', 'unknown'],
  ])('repository %s, nodes %s -> %s', (repo, nodes, status) => {
    expect(where(repo, nodes).status).toBe(status);
  });
  it('names the fix location', () => {
    expect(where('us-central1', 'us-east1-b').fix).toContain('us-east1-docker.pkg.dev');
  });
});

describe('file-caps (work from 1.22.6-gke.300)', () => {
  it('passes at the threshold', () => {
    expect(ruleOf(at('1.22.6-gke.300', { workload: { usesFileCaps: true } }), 'file-caps').status).toBe('pass');
  });
  it('fails just below it when the container relies on them', () => {
    expect(ruleOf(at('1.22.6-gke.299', { workload: { usesFileCaps: true } }), 'file-caps').status).toBe('fail');
  });
  it('warns below it when nobody said', () => {
    expect(ruleOf(at('1.22.6-gke.299', { workload: {} }), 'file-caps').status).toBe('warn');
  });
  it('passes below it when the container uses none', () => {
    expect(ruleOf(at('1.21.0-gke.1', { workload: { usesFileCaps: false } }), 'file-caps').status).toBe('pass');
  });
});

describe('symlink-rename (1.25+ until the fixed patch of each minor)', () => {
  it.each([
    ['1.24.17-gke.1', 'pass'],
    ['1.25.0-gke.1', 'warn'],
    ['1.25.14-gke.1350999', 'warn'],
    ['1.25.14-gke.1351000', 'pass'],
    ['1.26.9-gke.1344999', 'warn'],
    ['1.26.9-gke.1345000', 'pass'],
    ['1.27.6-gke.99', 'warn'],
    ['1.27.6-gke.100', 'pass'],
    ['1.27.7-gke.1', 'pass'],
    ['1.28.1-gke.1156999', 'warn'],
    ['1.28.1-gke.1157000', 'pass'],
    ['1.29.0-gke.1', 'pass'],
  ])('%s -> %s', (v, status) => {
    expect(ruleOf(at(v), 'symlink-rename').status).toBe(status);
  });
  it('names the first fixed patch of the minor in the fix', () => {
    expect(ruleOf(at('1.27.3-gke.100'), 'symlink-rename').fix).toContain('--cluster-version=1.27.6-gke.100');
  });
});

describe('informational rules', () => {
  it('nap warns when the cluster-level setting is off, but never changes the verdict', () => {
    const facts = eligibleFacts();
    facts.cluster.streamingDefault = k(false);
    expect(ruleOf(facts, 'nap').status).toBe('warn');
  });
  it('many-files and first-pull are notes', () => {
    expect(ruleOf(eligibleFacts(), 'many-files')).toMatchObject({ status: 'pass', informational: true });
    expect(ruleOf(eligibleFacts(), 'first-pull')).toMatchObject({ status: 'pass', informational: true });
  });
});
