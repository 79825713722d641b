import { readFile } from 'node:fs/promises';
import { GatherDeps } from './gather-facts';
import { Config } from '../config';
import { googleClientOptions } from '../google/google-client-options';
import type { GoogleClients } from '../google/google-clients';
import { RegistryHosts } from '../registry/registry-hosts';

/**
 * Wires config into what `gatherFacts` needs; `shared` hands in clients the caller already has,
 * `reportRegistryProblem` takes the reasons of refused or unreachable registries. The Google
 * clients (and googleapis, slow to load) are created on first use only, so `check` with offline
 * flags never loads them unless it needs a token.
 */
export function buildGatherDeps(
  config: Config,
  read: (path: string) => Promise<string> = (p) => readFile(p, 'utf8'),
  shared?: () => GoogleClients,
  reportRegistryProblem?: GatherDeps['reportRegistryProblem'],
): GatherDeps {
  let clients: GoogleClients | undefined;
  const googleClients = (): GoogleClients => {
    if (!clients && shared) clients = shared();
    if (!clients) {
      // Deferred require: loading the API surface costs about a second.
      const { createGoogleClients } = require('../google/google-clients') as typeof import('../google/google-clients');
      clients = createGoogleClients(googleClientOptions(config));
    }
    return clients;
  };
  return {
    googleClients,
    registry: {
      baseUrl: config.IMAGESTREAM_REGISTRY_URL,
      // One allow-list, and so one guarded connection pool, for the life of the process.
      hosts: RegistryHosts.of(config.IMAGESTREAM_REGISTRY_HOSTS, config.IMAGESTREAM_REGISTRY_URL),
      timeoutMs: config.IMAGESTREAM_HTTP_TIMEOUT_MS,
    },
    reportRegistryProblem,
    registryToken: async () => config.GOOGLE_OAUTH_ACCESS_TOKEN ?? googleClients().getAccessToken(),
    readFile: read,
    defaultProject: config.GOOGLE_CLOUD_PROJECT,
    defaultLocation: config.IMAGESTREAM_DEFAULT_LOCATION,
    defaultPlatform: config.IMAGESTREAM_PLATFORM,
  };
}
