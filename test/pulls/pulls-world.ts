/**
 * The world the live `pulls` read runs in, every client real and every server a loopback fake:
 * Cloud Logging serving the fixture's exported Kubernetes events (test/fixtures/pulls), and the
 * Google APIs `check` reads, holding cluster prod-1 (acme-prod, us-east1) with the fixture's node
 * pools: `web` streams, `batch-pool` does not, `ml` streams but lacks the storage scope.
 */
import { createCloudLogging } from '../../src/cloud-logging/cloud-logging-client';
import { AccessScope } from '../../src/access/access-scope';
import type { GatherDeps } from '../../src/check/gather-facts';
import { ClusterResponse, ClusterResponseSchema } from '../../src/google/cluster-response';
import { createGoogleClients } from '../../src/google/google-clients';
import type { ReadPullsDeps } from '../../src/pulls/read-pulls-report';
import { RegistryHosts } from '../../src/registry/registry-hosts';
import { FakeGoogleApis, startFakeGoogleApis } from '../fakes/google-apis';
import { loadCluster, scenarioState } from '../fakes/google-apis-scenario';
import { FAKE_TOKEN } from '../fakes/http-fake';
import { FakeLogging, startFakeLogging } from '../fakes/logging-api';
import { fixtureEntries } from './load-events';
import { readFileSync } from 'node:fs';

export const PROD_1 = { project: 'acme-prod', location: 'us-east1', cluster: 'prod-1' } as const;
export const PROD_1_PATH = 'projects/acme-prod/locations/us-east1/clusters/prod-1';
/** Nothing listens there: manifests are unreadable (their rules unknown), never fetched from the internet. */
export const NO_REGISTRY = 'http://127.0.0.1:9';

/** Cluster prod-1 as `clusters.get` returns it: the standard fixture's settings, the pools fixture's pools. */
export function prod1Cluster(): Record<string, any> {
  const cluster = loadCluster('standard');
  const { nodePools } = JSON.parse(readFileSync(`${__dirname}/../fixtures/pulls/pools.json`, 'utf8')) as {
    nodePools: unknown[];
  };
  return { ...cluster, name: 'prod-1', location: 'us-east1', nodePools };
}

export function prod1Response(): ClusterResponse {
  return ClusterResponseSchema.parse(prod1Cluster());
}

export interface PullsWorld {
  logging: FakeLogging;
  google: FakeGoogleApis;
  deps: ReadPullsDeps;
  close(): Promise<void>;
}

/** Starts both fakes; `entries` default to the fixture's, newest first as Cloud Logging serves them. */
export async function startPullsWorld(options: { entries?: object[]; scope?: AccessScope } = {}): Promise<PullsWorld> {
  const entries = options.entries ?? (fixtureEntries().reverse() as object[]);
  const logging = await startFakeLogging(entries);
  const state = scenarioState();
  state.clusters[PROD_1_PATH] = prod1Cluster();
  const google = await startFakeGoogleApis(state);
  const clients = createGoogleClients({ endpoints: google.endpoints, accessToken: FAKE_TOKEN, retryDelayMs: 1 });
  const gather: GatherDeps = {
    googleClients: () => clients,
    registry: { baseUrl: NO_REGISTRY, hosts: RegistryHosts.of([], NO_REGISTRY), timeoutMs: 2_000 },
    registryToken: async () => FAKE_TOKEN,
    readFile: async () => {
      throw new Error('no file reads in pulls');
    },
  };
  const deps: ReadPullsDeps = {
    logging: createCloudLogging({ endpoint: logging.url, accessToken: FAKE_TOKEN, retryDelayMs: 1 }),
    gather,
    scope: options.scope ?? new AccessScope(),
  };
  return {
    logging,
    google,
    deps,
    close: async () => {
      await logging.close();
      await google.close();
    },
  };
}
