import type { Config } from '../config';
import type { GoogleClientOptions } from './google-clients';

/** The Google client options config gives: endpoints (loopback in tests), fixed token or ADC, timeout. */
export function googleClientOptions(config: Config): GoogleClientOptions {
  return {
    accessToken: config.GOOGLE_OAUTH_ACCESS_TOKEN,
    timeoutMs: config.IMAGESTREAM_HTTP_TIMEOUT_MS,
    endpoints: {
      container: config.CONTAINER_API_ENDPOINT,
      artifactregistry: config.ARTIFACTREGISTRY_API_ENDPOINT,
      serviceusage: config.SERVICEUSAGE_API_ENDPOINT,
      compute: config.COMPUTE_API_ENDPOINT,
      cloudresourcemanager: config.CLOUDRESOURCEMANAGER_API_ENDPOINT,
    },
  };
}
