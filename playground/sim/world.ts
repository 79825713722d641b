/**
 * The simulated Google Cloud project: which clusters exist, and what the read-only Google APIs
 * (Service Usage, Artifact Registry, Compute, Resource Manager) answer. The clusters are the test
 * suites' own fixtures, so what the playground shows is what the tests check.
 */
import { loadGkeCluster } from '../../test/gke/gke-test-setup';
import type { FakeGoogleState } from '../../test/fakes/google-apis';
import { loadCluster, scenarioState } from '../../test/fakes/google-apis-scenario';

/** The simulated project (the fixtures' own). */
export const SIM_PROJECT = 'acme-prod';
export const SIM_PROJECT_NUMBER = '123456789012';

/** One simulated cluster, as GET /playground/sim describes it. */
export interface SimCluster {
  name: string;
  location: string;
  /** What makes it worth looking at, in a sentence. */
  about: string;
  autopilot: boolean;
  pools: Array<{ name: string; version: string; imageType: string; streaming: boolean }>;
}

/** A cluster to load into the GKE simulator: its reference and its Cluster JSON. */
export interface SimClusterSeed {
  ref: { project: string; location: string; cluster: string };
  about: string;
  json: Record<string, any>;
}

/**
 * The three clusters, fresh copies:
 * - shop (europe-west1, Standard): default off; default-pool follows it on 1.28, gpu-pool has
 *   streaming on explicitly on 1.27.3-gke.100, before the symlink rename fix (1.27.6-gke.100),
 *   legacy-pool runs Ubuntu. The playground's default location, so `status shop` needs no flag.
 * - web (us-east1, Standard): default on, 1.27.8 (fixed); a legacy Ubuntu pool on 1.24 that follows it.
 * - batch (us-central1, Autopilot created at 1.27: streaming automatic).
 */
export function simClusterSeeds(): SimClusterSeed[] {
  return [
    {
      ref: { project: SIM_PROJECT, location: 'europe-west1', cluster: 'shop' },
      about: 'Standard; streaming off by default, on for gpu-pool, whose 1.27.3 nodes have the symlink rename bug',
      json: loadGkeCluster('standard'),
    },
    {
      ref: { project: SIM_PROJECT, location: 'us-east1', cluster: 'web' },
      about: 'Standard; streaming on by default, a legacy Ubuntu pool that cannot stream',
      json: loadCluster('standard'),
    },
    {
      ref: { project: SIM_PROJECT, location: 'us-central1', cluster: 'batch' },
      about: 'Autopilot created at 1.27: streaming is automatic',
      json: loadCluster('autopilot'),
    },
  ];
}

/** What GET /playground/sim lists about a cluster, read from its current JSON (changes show). */
export function describeCluster(seed: Pick<SimClusterSeed, 'about'>, json: Record<string, any>): SimCluster {
  const defaultOn = json.nodePoolDefaults?.nodeConfigDefaults?.gcfsConfig?.enabled === true;
  const autopilot = json.autopilot?.enabled === true;
  const pools = ((json.nodePools ?? []) as Array<Record<string, any>>).map((pool) => ({
    name: String(pool.name),
    version: String(pool.version ?? json.currentNodeVersion ?? ''),
    imageType: String(pool.config?.imageType ?? (autopilot ? 'COS_CONTAINERD' : '')),
    streaming: pool.config?.gcfsConfig?.enabled === true || (autopilot && defaultOn),
  }));
  return { name: String(json.name), location: String(json.location), about: seed.about, autopilot, pools };
}

/** Artifact Registry repositories of the simulated images (registry.ts), by relative name. */
const REPOSITORIES: Array<{ location: string; id: string; kmsKeyName?: string }> = [
  { location: 'us-east1', id: 'web' },
  { location: 'us', id: 'shared' },
  { location: 'asia', id: 'apac' },
  {
    location: 'europe-west1',
    id: 'secure',
    kmsKeyName: 'projects/acme-prod/locations/europe-west1/keyRings/registry/cryptoKeys/images',
  },
];

/**
 * The read-only APIs' state: the eligibility tests' scenario (API enabled, the node service
 * account's role, a Shared VPC subnet) plus one repository per simulated image repository.
 */
export function simGoogleState(): FakeGoogleState {
  const state = scenarioState();
  // The GKE simulator serves the clusters (and changes them); this fake's copies would go stale.
  state.clusters = {};
  for (const repo of REPOSITORIES) {
    const name = `projects/${SIM_PROJECT}/locations/${repo.location}/repositories/${repo.id}`;
    state.repositories[name] = {
      name,
      format: 'DOCKER',
      mode: 'STANDARD_REPOSITORY',
      createTime: '2023-03-14T09:00:00.000000Z',
      updateTime: '2023-03-14T09:00:00.000000Z',
      ...(repo.kmsKeyName ? { kmsKeyName: repo.kmsKeyName } : {}),
    };
  }
  return state;
}
