import { known, unknownFact } from '../../src/facts/fact';
import { CheckFacts, ImageManifestFacts, PoolFacts } from '../../src/facts/types';
import { parseImageRef } from '../../src/images/image-ref';
import { parseGkeVersion } from '../../src/versions/gke-version';

/** A known fact, as tests write it. */
export const k = <T>(value: T) => known(value, 'test');
/** An unreadable fact. */
export const u = (reason = 'permission container.clusters.get denied') => unknownFact(reason);
/** A known GKE version. */
export const ver = (text: string) => k(parseGkeVersion(text));

/** A schema 2 manifest with distinct layers. */
export function manifest(overrides: Partial<ImageManifestFacts> = {}): ImageManifestFacts {
  return {
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    schemaVersion: 2,
    layers: ['sha256:' + '1'.repeat(64), 'sha256:' + '2'.repeat(64)],
    diffIds: ['sha256:' + '3'.repeat(64), 'sha256:' + '4'.repeat(64)],
    ...overrides,
  };
}

/** A healthy Standard pool on a recent version in us-east1, streaming on. */
export function pool(overrides: PoolFacts = {}): PoolFacts {
  return {
    name: 'default-pool',
    gkeVersion: ver('1.29.1-gke.1589018'),
    imageType: k('COS_CONTAINERD'),
    streamingEnabled: k(true),
    oauthScopes: k(['https://www.googleapis.com/auth/devstorage.read_only']),
    serviceAccount: k(null),
    privateNodes: k(false),
    nodeLocations: k(['us-east1-b']),
    ...overrides,
  };
}

/** Facts under which every rule passes: each test breaks one. */
export function eligibleFacts(overrides: Partial<CheckFacts> = {}): CheckFacts {
  return {
    image: parseImageRef('us-east1-docker.pkg.dev/acme/web/frontend:v5'),
    apiEnabled: k(true),
    cluster: {
      name: 'prod-1',
      location: 'us-east1',
      project: 'acme',
      autopilot: k(false),
      streamingDefault: k(true),
    },
    pools: [pool()],
    manifest: k(manifest()),
    repositoryCmek: k(null),
    imageProjectIam: k([]),
    workload: { vpcSc: 'none' },
    ...overrides,
  };
}
