/**
 * Builds the @google-cloud/logging client every Cloud Logging call of the bot goes through:
 * `errors` and `pulls` reads, setup-alerts' sink, the audit trail's writes.
 *
 * Transport: the library's REST fallback (`fallback: true`) everywhere, over https to Google and
 * over http to a loopback fake in tests. One transport means the tests run the production path
 * (same requests, same errors: an HTTP status, never a gRPC code to map back), and there is no
 * gRPC channel to keep alive or close on shutdown. Its HTTP goes through the auth client's
 * gaxios, configured like the bot's googleapis clients (src/google/google-request-options.ts):
 * one timeout, two retries on 429/5xx and network errors, POST included (entries:list is a
 * read; entries:write carries insertIds, which Cloud Logging deduplicates; a repeated sink create
 * answers 409, which setup-alerts reads as "reused"). The library's own gax retry is switched
 * off per call (CALL_OPTIONS): its codes are gRPC codes, which the fallback's errors do not carry.
 */
import { Logging } from '@google-cloud/logging';
import { auth } from 'googleapis/build/src/apis/container';
import { type GoogleRequestSettings, googleRequestOptions } from '../google/google-request-options';

/** How to reach and authenticate to Cloud Logging. */
export interface CloudLoggingOptions extends GoogleRequestSettings {
  /** Base URL like "http://127.0.0.1:8080/"; undefined = https://logging.googleapis.com/. */
  endpoint?: string;
  /**
   * The project the client writes to (the audit log's project): the bot's GOOGLE_CLOUD_PROJECT.
   * Reads and sinks name their project themselves.
   */
  projectId?: string;
}

/** Per-call options of every library call: no gax-level retry (gaxios retries, see above). */
export const CALL_OPTIONS = { retry: null } as const;

const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const DEFAULT_ENDPOINT = 'https://logging.googleapis.com/';

/**
 * The library asks for a project id before every read, even when the read names its resources,
 * and without one it probes gcloud and the metadata server. Reads never use this value; without
 * a configured project, nothing is written (the audit writer needs one).
 */
export const NO_DEFAULT_PROJECT = 'imagestream-no-default-project';

/** Creates the client; nothing is contacted until a method is called. */
export function createCloudLogging(options: CloudLoggingOptions): Logging {
  const url = new URL(options.endpoint ?? DEFAULT_ENDPOINT);
  const secure = url.protocol === 'https:';
  const request = googleRequestOptions(options, undefined, undefined, true);
  const transporterOptions = {
    timeout: request.timeout,
    retryConfig: request.retryConfig,
    fetchImplementation: request.fetchImplementation,
  };
  return new Logging({
    projectId: options.projectId ?? NO_DEFAULT_PROJECT,
    fallback: true,
    apiEndpoint: url.hostname,
    port: url.port ? Number(url.port) : secure ? 443 : 80,
    protocol: secure ? 'https' : 'http',
    ...authOptions(options.accessToken, transporterOptions),
  } as ConstructorParameters<typeof Logging>[0]);
}

/**
 * A fixed token becomes an OAuth2 client that never refreshes (no metadata-server probe in
 * tests); otherwise Application Default Credentials. Both carry the transport settings. They
 * are googleapis' auth classes, the copy of google-auth-library the library's REST transport
 * (google-gax 5) also uses: hence the cast above, the library's types name an older copy.
 */
function authOptions(accessToken: string | undefined, transporterOptions: object): object {
  if (accessToken === undefined) {
    return { auth: new auth.GoogleAuth({ scopes: [CLOUD_PLATFORM_SCOPE], clientOptions: { transporterOptions } }) };
  }
  const client = new auth.OAuth2({ transporterOptions });
  // A far expiry: without one the client would try to refresh, which it cannot do.
  client.setCredentials({ access_token: accessToken, expiry_date: Date.now() + 365 * 24 * 3600e3 });
  return { authClient: client };
}
