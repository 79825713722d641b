/**
 * The simulated Google Cloud project of the playground, every part a test fake on loopback:
 * GKE (stateful: enable/disable/upgrade start operations that take a few seconds), the read-only
 * APIs `check` reads, Cloud Logging (gcfsd errors and pull events), Cloud Quotas and a registry.
 */
import {
  CloudQuotasFake,
  containerFilesystemQuotaInfos,
  startCloudQuotasFake,
} from '../../test/fakes/cloud-quotas-api';
import { GkeFake, startGkeFake } from '../../test/fakes/gke-api';
import { FakeGoogleApis, startFakeGoogleApis } from '../../test/fakes/google-apis';
import { FAKE_TOKEN } from '../../test/fakes/http-fake';
import { FakeLogging, startFakeLogging } from '../../test/fakes/logging-api';
import type { RegistryStub } from '../../test/support/registry-stub';
import { selectEntries, simLogEntries } from './log-entries';
import { SIM_IMAGES, SimImage } from './registry-images';
import { startSimRegistry } from './registry';
import { SIM_PROJECT, SIM_PROJECT_NUMBER, SimCluster, describeCluster, simClusterSeeds, simGoogleState } from './world';

/** The bearer token every simulated API accepts (the bot sends it as GOOGLE_OAUTH_ACCESS_TOKEN). */
export const SIM_TOKEN = FAKE_TOKEN;
/** Where `status shop`, `enable shop` find their cluster without --location. */
export const SIM_DEFAULT_LOCATION = 'europe-west1';

/** How long a GKE operation takes in the simulator, polled or not (GKE runs them on its own). */
export const SIM_OPERATION_MS = 4000;

/** A running simulated cloud. */
export interface SimulatedCloud {
  project: string;
  /** The clusters as they are now (enable/disable show here once their operation is done). */
  clusters(): SimCluster[];
  images: readonly SimImage[];
  /** Environment for the bot: every Google API and the registry pointed at the simulator. */
  env: Record<string, string>;
  gke: GkeFake;
  google: FakeGoogleApis;
  logging: FakeLogging;
  quotas: CloudQuotasFake;
  registry: RegistryStub;
  close(): Promise<void>;
}

/** Options of the simulator (tests shorten the operations). */
export interface SimOptions {
  operationMs?: number;
}

/** Starts every simulated API on a free loopback port. */
export async function startSimulatedCloud(options: SimOptions = {}): Promise<SimulatedCloud> {
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const closeOne of closers.reverse()) await closeOne().catch(() => undefined);
  };
  try {
    // GKE: PENDING for one poll, RUNNING for two, and DONE after operationMs in any case.
    const gke = await startGkeFake({ pendingPolls: 1, runningPolls: 2, projectNumber: SIM_PROJECT_NUMBER });
    closers.push(gke.close);
    gke.finishOperationsAfterMs = options.operationMs ?? SIM_OPERATION_MS;
    const seeds = simClusterSeeds();
    for (const seed of seeds) gke.addCluster(seed.ref, seed.json);

    const google = await startFakeGoogleApis(simGoogleState());
    closers.push(google.close);
    const entries = simLogEntries();
    const logging = await startFakeLogging([], {
      entriesFor: (request) => selectEntries(entries, request.filter, Date.now()),
    });
    closers.push(logging.close);
    const quotas = await startCloudQuotasFake();
    closers.push(quotas.close);
    quotas.quotaInfos[`projects/${SIM_PROJECT}/locations/global/services/containerfilesystem.googleapis.com`] =
      containerFilesystemQuotaInfos(SIM_PROJECT);
    const registry = await startSimRegistry();
    closers.push(registry.stop);

    return {
      project: SIM_PROJECT,
      clusters: () => seeds.map((seed) => describeCluster(seed, gke.cluster(seed.ref))),
      images: SIM_IMAGES,
      env: {
        GOOGLE_CLOUD_PROJECT: SIM_PROJECT,
        IMAGESTREAM_DEFAULT_LOCATION: SIM_DEFAULT_LOCATION,
        GOOGLE_OAUTH_ACCESS_TOKEN: SIM_TOKEN,
        METADATA_SERVER_DETECTION: 'none',
        CONTAINER_API_ENDPOINT: gke.url,
        SERVICEUSAGE_API_ENDPOINT: google.url,
        COMPUTE_API_ENDPOINT: google.url,
        ARTIFACTREGISTRY_API_ENDPOINT: google.url,
        CLOUDRESOURCEMANAGER_API_ENDPOINT: google.url,
        LOGGING_API_ENDPOINT: logging.url,
        CLOUDQUOTAS_API_ENDPOINT: quotas.url,
        IMAGESTREAM_REGISTRY_URL: registry.url,
        // Only the simulated project: nothing the playground is told can name a real one.
        IMAGESTREAM_ALLOWED_PROJECTS: SIM_PROJECT,
      },
      gke,
      google,
      logging,
      quotas,
      registry,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
