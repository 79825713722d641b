import { CloudQuotasClient } from '@google-cloud/cloudquotas';
import { auth } from 'googleapis/build/src/apis/container';

/** How to reach the Cloud Quotas API: a base URL override (tests) and a fixed token, else ADC. */
export interface QuotasClientOptions {
  /** e.g. `http://127.0.0.1:8085/`; undefined = cloudquotas.googleapis.com. */
  endpoint?: string;
  /** Fixed OAuth access token; undefined = Application Default Credentials. */
  accessToken?: string;
}

/**
 * The Cloud Quotas client in REST mode (`fallback: true`): the bot makes a few calls per approved
 * request, so gRPC buys nothing, and REST is what a plain HTTP fake can serve in tests.
 */
export function createQuotasClient(options: QuotasClientOptions): CloudQuotasClient {
  const endpoint = options.endpoint ? new URL(options.endpoint) : undefined;
  const where = endpoint
    ? {
        apiEndpoint: endpoint.hostname,
        port: Number(endpoint.port || (endpoint.protocol === 'http:' ? 80 : 443)),
        protocol: endpoint.protocol.replace(':', ''),
      }
    : {};
  // An explicit fetch: gaxios would otherwise `import('node-fetch')` dynamically (see google-clients.ts).
  const transporterOptions = { fetchImplementation: globalThis.fetch };
  if (options.accessToken === undefined) {
    return new CloudQuotasClient({ fallback: true, ...where, clientOptions: { transporterOptions } });
  }
  const client = new auth.OAuth2({ transporterOptions });
  // A far expiry: a fixed token cannot be refreshed.
  client.setCredentials({ access_token: options.accessToken, expiry_date: Date.now() + 365 * 24 * 3600e3 });
  // googleapis and google-gax each bring a copy of google-auth-library; the client is the same class.
  return new CloudQuotasClient({ fallback: true, ...where, authClient: client as never });
}
