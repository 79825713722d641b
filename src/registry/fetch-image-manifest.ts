import { RemoteError, UsageError } from '../errors';
import { ImageManifestFacts } from '../facts/types';
import { ImageRef, manifestReference } from '../images/image-ref';
import { accessDenied, registryErrorDetail } from './access-denied';
import { DIGEST_RE, matchesDigest } from './digest';
import { manifestFacts } from './manifest-facts';
import { IMAGE_CONFIG_TYPES, bareMediaType, MANIFEST_ACCEPT } from './media-types';
import { parseImageConfig, parseManifest, ParsedManifest } from './parse-manifest';
import { guardedFetch, ResolveHost } from './guarded-fetch';
import { DEFAULT_PLATFORM, formatPlatform, Platform } from './platform';
import { RegistryClient, RegistryResult } from './registry-client';
import { isGoogleRegistryHost, RegistryHosts } from './registry-hosts';
import { choosePlatformEntry, describeIndex } from './select-platform';

/** How to reach the registry. */
export interface RegistryOptions {
  /** Overrides https://HOST for every image (tests, mirrors), e.g. "http://127.0.0.1:5000". */
  baseUrl?: string;
  /**
   * OAuth access token for the token flow (Basic oauth2accesstoken:<token>); undefined = anonymous.
   * Sent only to Artifact/Container Registry Docker hosts (`*-docker.pkg.dev`, `gcr.io`, `*.gcr.io`),
   * or to `baseUrl` when set.
   */
  accessToken?: () => Promise<string | undefined>;
  /** Platform checked in a multi-platform index; default linux/amd64. */
  platform?: Platform;
  /**
   * The registries that may be contacted; default: Google's (RegistryHosts.of([], baseUrl)). Build
   * it with the same baseUrl, whose host it must allow.
   */
  hosts?: RegistryHosts;
  /**
   * Default: a fetch that connects only to `hosts`, at addresses allowed for them (guardedFetch).
   * Another fetch skips the address check: tests only.
   */
  fetch?: typeof fetch;
  /** The resolver of the default fetch; default the system's (dns.lookup). A test seam. */
  resolveHost?: ResolveHost;
  /** Per request, default 15000. */
  timeoutMs?: number;
}

// The distribution registry refuses manifests over 4 MiB; configs with long histories are bigger.
const MANIFEST_MAX = 4 * 1024 * 1024;
const CONFIG_MAX = 8 * 1024 * 1024;

function baseUrlOf(ref: ImageRef, baseUrl: string | undefined): string {
  if (baseUrl === undefined) return `https://${ref.host}`;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new UsageError(`invalid registry base URL "${baseUrl.slice(0, 100)}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`invalid registry base URL "${baseUrl.slice(0, 100)}": must be http or https`);
  }
  return url.href.replace(/\/+$/, '');
}

/** The error for a non-200 answer; `what` names the object ("image X", "config blob D of X"). */
function statusError(result: RegistryResult, image: string, what: string): RemoteError {
  const host = new URL(result.url).host;
  const detail = registryErrorDetail(result.body);
  if (result.status === 404) return new RemoteError(`${what} not found in registry ${host}`, 404);
  if (result.status === 401 || result.status === 403) return accessDenied(image, result.usedCredentials, detail);
  return new RemoteError(
    `registry ${host} answered HTTP ${result.status} for ${what}${detail ? `: ${detail}` : ''}`,
    result.status,
  );
}

/** One image being read: where it lives and how it is named in messages. */
interface ImageTarget {
  client: RegistryClient;
  /** `BASE/v2/PATH` */
  base: string;
  repository: string;
  image: string;
  /** Whether the access token may go to this registry. */
  credentials: boolean;
}

type ResolvedManifest = Exclude<ParsedManifest, { kind: 'index' }>;

/** One manifest GET: status mapped, body classified, digest checked when asked by digest. */
async function getManifest(target: ImageTarget, reference: string, what: string) {
  const result = await target.client.get(`${target.base}/manifests/${reference}`, {
    repository: target.repository,
    accept: MANIFEST_ACCEPT,
    maxBytes: MANIFEST_MAX,
    credentials: target.credentials,
  });
  if (result.status !== 200) throw statusError(result, target.image, what);
  const manifest = parseManifest(
    result.body.toString('utf8'),
    bareMediaType(result.headers.get('content-type')),
    (why) => new RemoteError(`the registry's manifest of ${target.image} ${why}`),
  );
  const pinned = DIGEST_RE.test(reference);
  // Signed schema 1 digests cover the payload without signatures: they cannot be recomputed here.
  if (pinned && manifest.kind !== 'schema1' && !matchesDigest(result.body, reference)) {
    throw new RemoteError(`the registry's manifest ${reference} of ${target.image} does not match its digest`);
  }
  const header = result.headers.get('docker-content-digest') ?? '';
  const digest = pinned ? reference : DIGEST_RE.test(header) ? header : undefined;
  return { manifest, digest };
}

/** The platform's manifest out of an index, and the note saying which entry that was. */
async function resolvePlatform(
  target: ImageTarget,
  index: Extract<ParsedManifest, { kind: 'index' }>,
  platform: Platform,
): Promise<{ manifest: ResolvedManifest; digest?: string; platformNote: string }> {
  const described = describeIndex(index.mediaType, index.entries);
  const entry = choosePlatformEntry(index.entries, platform);
  if (!entry) {
    const wanted = formatPlatform(platform);
    throw new RemoteError(`${target.image} is a multi-platform ${described} with no entry for ${wanted}`);
  }
  const name = formatPlatform(entry.platform);
  const what = `manifest ${entry.digest} (${name}) of ${target.image}`;
  const { manifest, digest } = await getManifest(target, entry.digest, what);
  if (manifest.kind === 'index') {
    throw new RemoteError(`the ${name} entry of ${target.image} is itself an index, which is not supported`);
  }
  return { manifest, digest, platformNote: `${described}: checked ${name}` };
}

/** `rootfs.diff_ids` of the config blob, after checking the blob against its digest. */
async function fetchDiffIds(target: ImageTarget, configDigest: string): Promise<string[]> {
  const what = `config blob ${configDigest} of ${target.image}`;
  const result = await target.client.get(`${target.base}/blobs/${configDigest}`, {
    repository: target.repository,
    maxBytes: CONFIG_MAX,
    credentials: target.credentials,
  });
  if (result.status !== 200) throw statusError(result, target.image, what);
  if (!matchesDigest(result.body, configDigest)) {
    throw new RemoteError(`the registry's ${what} does not match its digest`);
  }
  return parseImageConfig(result.body.toString('utf8'), (why) => new RemoteError(`the registry's ${what} ${why}`));
}

/**
 * Returns a fetcher that shares one registry client (and so its token cache) across images:
 * the Slack bot can keep one for its life, the CLI makes one per run.
 */
export function createManifestFetcher(options: RegistryOptions = {}): (ref: ImageRef) => Promise<ImageManifestFacts> {
  const hosts = options.hosts ?? RegistryHosts.of([], options.baseUrl);
  const client = new RegistryClient({
    fetch: options.fetch ?? guardedFetch(hosts, options.resolveHost),
    hosts,
    timeoutMs: options.timeoutMs ?? 15000,
    accessToken: options.accessToken,
  });
  const platform = options.platform ?? DEFAULT_PLATFORM;

  return async (ref) => {
    const target: ImageTarget = {
      client,
      base: `${baseUrlOf(ref, options.baseUrl)}/v2/${ref.path}`,
      repository: ref.path,
      image: ref.raw,
      // A Google access token must not reach whatever registry a user names: only Google's hosts
      // get it, or the base URL the caller chose on purpose.
      credentials: options.baseUrl !== undefined || isGoogleRegistryHost(ref.host),
    };
    const top = await getManifest(target, manifestReference(ref), `image ${ref.raw}`);
    const { manifest, digest, platformNote } =
      top.manifest.kind === 'index'
        ? await resolvePlatform(target, top.manifest, platform)
        : { manifest: top.manifest, digest: top.digest, platformNote: undefined };

    // Configs of other artifact types (Helm charts, signatures) have no rootfs: not read.
    const diffIds =
      manifest.kind === 'image' && IMAGE_CONFIG_TYPES.includes(manifest.config.mediaType)
        ? await fetchDiffIds(target, manifest.config.digest)
        : undefined;
    return manifestFacts(manifest, { digest, diffIds, platformNote });
  };
}

/** Fetches the manifest of `ref` (and its config) and returns the facts the rules read. */
export function fetchImageManifest(ref: ImageRef, options?: RegistryOptions): Promise<ImageManifestFacts> {
  return createManifestFetcher(options)(ref);
}
