/**
 * Builds the five Google API clients the eligibility check reads from, with one auth, one
 * timeout and one retry policy. Imports go to the per-API entry points of `googleapis` (the same
 * shape as the `@googleapis/*` packages): loading all of `googleapis` costs over a second.
 */
import { artifactregistry, artifactregistry_v1 } from 'googleapis/build/src/apis/artifactregistry';
import { cloudresourcemanager, cloudresourcemanager_v1 } from 'googleapis/build/src/apis/cloudresourcemanager';
import { compute, compute_v1 } from 'googleapis/build/src/apis/compute';
import { auth, container, container_v1 } from 'googleapis/build/src/apis/container';
import { serviceusage, serviceusage_v1 } from 'googleapis/build/src/apis/serviceusage';
import { googleRequestOptions, makeAuth } from './google-request-options';

/** Base URLs like "http://127.0.0.1:8080/"; undefined = Google's default endpoint. */
export interface GoogleEndpoints {
  container?: string;
  artifactregistry?: string;
  serviceusage?: string;
  compute?: string;
  cloudresourcemanager?: string;
}

/** How to reach and authenticate to the Google APIs. */
export interface GoogleClientOptions {
  endpoints?: GoogleEndpoints;
  /** fixed OAuth access token; undefined = Application Default Credentials */
  accessToken?: string;
  /** Per-request timeout; default 30 s. */
  timeoutMs?: number;
  /** First retry delay for 429/5xx/network failures, doubled on the next retry; default 250 ms. */
  retryDelayMs?: number;
  /** The fetch the clients use; default Node's global fetch. */
  fetch?: typeof fetch;
}

/** The API clients, all sharing the same credentials. */
export interface GoogleClients {
  container: container_v1.Container;
  artifactregistry: artifactregistry_v1.Artifactregistry;
  serviceusage: serviceusage_v1.Serviceusage;
  compute: compute_v1.Compute;
  cloudresourcemanager: cloudresourcemanager_v1.Cloudresourcemanager;
  /** an access token for the registry token flow; undefined when no credentials can be found */
  getAccessToken(): Promise<string | undefined>;
}

/** Creates the clients; nothing is contacted until a method is called. */
export function createGoogleClients(options: GoogleClientOptions): GoogleClients {
  const endpoints = options.endpoints ?? {};
  const authClient = makeAuth(options.accessToken);
  const base = (rootUrl: string | undefined, retryPost = false) =>
    googleRequestOptions(options, authClient, rootUrl, retryPost);

  return {
    container: container({ version: 'v1', ...base(endpoints.container) }),
    artifactregistry: artifactregistry({ version: 'v1', ...base(endpoints.artifactregistry) }),
    serviceusage: serviceusage({ version: 'v1', ...base(endpoints.serviceusage) }),
    compute: compute({ version: 'v1', ...base(endpoints.compute) }),
    cloudresourcemanager: cloudresourcemanager({
      version: 'v1',
      ...base(endpoints.cloudresourcemanager, true),
    }),
    getAccessToken: async () => {
      if (options.accessToken !== undefined) return options.accessToken;
      try {
        return (await (authClient as InstanceType<typeof auth.GoogleAuth>).getAccessToken()) ?? undefined;
      } catch {
        // No ADC here: the registry flow then tries anonymously and reports what it gets.
        return undefined;
      }
    },
  };
}
