/** Shared per-file setup: one GKE fake, the production-configured container client pointed at it. */
import fs from 'node:fs';
import path from 'node:path';
import type { container_v1 } from 'googleapis/build/src/apis/container';
import type { ApplyOptions, ApplyProgress } from '../../src/gke/apply-options';
import { createGoogleClients } from '../../src/google/google-clients';
import { FAKE_TOKEN } from '../fakes/http-fake';
import { GkeFake, GkeFakeOptions, startGkeFake } from '../fakes/gke-api';

/** A Standard cluster, default off: default-pool follows, gpu-pool on explicitly, legacy-pool on Ubuntu. */
export const SHOP = { project: 'acme-prod', location: 'europe-west1', cluster: 'shop' } as const;
/** An Autopilot cluster created at 1.24 (before automatic streaming). */
export const JOBS = { project: 'acme-prod', location: 'us-central1', cluster: 'jobs' } as const;
export const SHOP_PATH = 'projects/acme-prod/locations/europe-west1/clusters/shop';

/** A fresh copy of a fixture under test/fixtures/gke/. */
export function loadGkeCluster(fixture: 'standard' | 'autopilot'): Record<string, any> {
  const file = path.join(__dirname, '..', 'fixtures', 'gke', `cluster-${fixture}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, any>;
}

/** Registers beforeAll/beforeEach/afterAll: both fixtures loaded fresh before each test. */
export function useGkeFake(options?: GkeFakeOptions): { fake: () => GkeFake; container: () => container_v1.Container } {
  let fake: GkeFake;
  let container: container_v1.Container;
  beforeAll(async () => {
    fake = await startGkeFake(options);
    // The lead's client: gaxios retries GET/PUT on 429/5xx twice; retryDelayMs 1 keeps it quick.
    container = createGoogleClients({
      endpoints: { container: fake.url },
      accessToken: FAKE_TOKEN,
      retryDelayMs: 1,
    }).container;
  });
  beforeEach(() => {
    fake.reset();
    fake.addCluster(SHOP, loadGkeCluster('standard'));
    fake.addCluster(JOBS, loadGkeCluster('autopilot'));
  });
  afterAll(async () => {
    await fake.close();
  });
  return { fake: () => fake, container: () => container };
}

/** Tiny delays: each backoff step yields to the event loop; the budget counts the requested delays. */
export function fastOptions(events?: ApplyProgress[], overrides: ApplyOptions = {}): ApplyOptions {
  return {
    sleep: () => new Promise((resolve) => setImmediate(resolve)),
    initialDelayMs: 100,
    maxDelayMs: 400,
    maxWaitMs: 10_000,
    ...(events ? { onProgress: (p: ApplyProgress) => void events.push(p) } : {}),
    ...overrides,
  };
}
