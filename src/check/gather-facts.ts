import { UsageError, errorMessage } from '../errors';
import { Fact, known, unknownFact } from '../facts/fact';
import { CheckFacts, ImageManifestFacts, PoolFacts } from '../facts/types';
import { ClusterTarget, parseClusterTarget } from '../google/cluster-target';
import { GoogleClients } from '../google/google-clients';
import { readGoogleFacts } from '../google/read-google-facts';
import { ImageRef, parseImageRef } from '../images/image-ref';
import { fetchImageManifest, RegistryOptions } from '../registry/fetch-image-manifest';
import { manifestFactsFromText } from '../registry/manifest-from-files';
import { DEFAULT_PLATFORM, Platform, parsePlatform } from '../registry/platform';
import { RegistryUnreachableError } from '../registry/registry-unreachable';
import { parseGkeVersion } from '../versions/gke-version';
import { CheckOptions } from './check-options';

/** What gathering needs from outside: built once by the entry point, fakes in tests. */
export interface GatherDeps {
  /** Google API clients; called only when the options name a cluster. */
  googleClients: () => GoogleClients;
  /** Registry options (base URL override, allowed hosts, timeout); the token comes from `registryToken`. */
  registry: Omit<RegistryOptions, 'platform' | 'accessToken'>;
  /**
   * Where the reason a registry was refused or unreachable goes (the bot's log, the CLI's stderr):
   * the report itself only says that it was, in the same words for every case.
   */
  reportRegistryProblem?: (image: string, detail: string) => void;
  /** An access token for the registry's token flow (Application Default Credentials or a fixed token). */
  registryToken: () => Promise<string | undefined>;
  readFile: (path: string) => Promise<string>;
  /** Defaults from config for a cluster named without --project / --location. */
  defaultProject?: string;
  defaultLocation?: string;
  /** The nodes' platform when --platform is not given. */
  defaultPlatform?: string;
}

/**
 * Collects every fact the rules need: from the Google APIs when a cluster is named, from the
 * registry (or --manifest/--config files) for the image, and from offline flags, which override.
 */
export async function gatherFacts(options: CheckOptions, deps: GatherDeps): Promise<CheckFacts> {
  const { image, target, overrides, platform } = validateCheckInput(options, deps);
  const [google, manifest] = await Promise.all([
    target ? readGoogleFacts(target, image, deps.googleClients()) : undefined,
    readManifest(image, platform, options, deps),
  ]);
  const facts: CheckFacts = {
    image,
    apiEnabled: google?.apiEnabled,
    cluster: google?.cluster ?? {},
    pools: google?.pools ?? [],
    manifest,
    repositoryCmek: google?.repositoryCmek,
    imageProjectIam: google?.imageProjectIam,
    workload: { usesPullSecret: options.pullSecret, usesFileCaps: options.fileCaps, vpcSc: options.vpcSc },
  };
  return applyOverrides(facts, overrides, options.pool);
}

/**
 * Everything the user typed, validated before the first remote call (a UsageError names the
 * first bad value), so a mistake is answered at once and never reaches a Google URL.
 */
export function validateCheckInput(
  options: CheckOptions,
  defaults: Pick<GatherDeps, 'defaultProject' | 'defaultLocation' | 'defaultPlatform'>,
) {
  return {
    image: parseImageRef(options.image),
    target: clusterTarget(options, defaults),
    overrides: flagOverrides(options),
    platform: parsePlatform(
      options.platform ?? defaults.defaultPlatform ?? `${DEFAULT_PLATFORM.os}/${DEFAULT_PLATFORM.architecture}`,
    ),
  };
}

function clusterTarget(
  options: CheckOptions,
  defaults: Pick<GatherDeps, 'defaultProject' | 'defaultLocation'>,
): ClusterTarget | undefined {
  if (!options.cluster) {
    if (options.pool) throw new UsageError('--pool needs --cluster');
    return undefined;
  }
  const project = options.project ?? defaults.defaultProject;
  const location = options.location ?? defaults.defaultLocation;
  if (!project) throw new UsageError('--project is required with --cluster (or set GOOGLE_CLOUD_PROJECT)');
  if (!location) throw new UsageError('--location is required with --cluster (or set IMAGESTREAM_DEFAULT_LOCATION)');
  return parseClusterTarget({ project, location, cluster: options.cluster, pool: options.pool });
}

async function readManifest(
  image: ImageRef,
  platform: Platform,
  options: CheckOptions,
  deps: GatherDeps,
): Promise<Fact<ImageManifestFacts> | undefined> {
  if (options.manifest) {
    const manifestText = await readInput(deps, options.manifest, '--manifest');
    const configText = options.config ? await readInput(deps, options.config, '--config') : undefined;
    return known(manifestFactsFromText(manifestText, configText, platform), `file ${options.manifest}`);
  }
  if (!options.registry) return undefined;
  try {
    const facts = await fetchImageManifest(image, { ...deps.registry, platform, accessToken: deps.registryToken });
    return known(facts, 'registry');
  } catch (err) {
    if (err instanceof UsageError) throw err;
    if (err instanceof RegistryUnreachableError) deps.reportRegistryProblem?.(image.raw, err.detail);
    return unknownFact(`could not read the manifest from the registry: ${errorMessage(err)}`);
  }
}

async function readInput(deps: GatherDeps, path: string, flag: string): Promise<string> {
  try {
    return await deps.readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`${flag} ${path}: ${code === 'ENOENT' ? 'no such file' : errorMessage(err)}`);
  }
}

interface FlagOverrides {
  pool: PoolFacts;
  cluster: Pick<CheckFacts['cluster'], 'autopilot' | 'createdVersion' | 'privateGoogleAccess'>;
  repositoryCmek?: CheckFacts['repositoryCmek'];
}

/** The facts offline flags give; parsing them here rejects a bad version before any API call. */
function flagOverrides(o: CheckOptions): FlagOverrides {
  const flag = <T>(value: T, name: string) => known(value, `flag ${name}`);
  const pool: PoolFacts = {};
  if (o.gkeVersion !== undefined) pool.gkeVersion = flag(parseGkeVersion(o.gkeVersion), '--gke-version');
  if (o.imageType !== undefined) pool.imageType = flag(o.imageType.toUpperCase(), '--image-type');
  if (o.privateNodes !== undefined) pool.privateNodes = flag(o.privateNodes, '--private-nodes');
  if (o.nodeLocation !== undefined) pool.nodeLocations = flag([o.nodeLocation], '--node-location');
  if (o.serviceAccount !== undefined) {
    pool.serviceAccount = flag(o.serviceAccount === 'default' ? null : o.serviceAccount, '--service-account');
  }
  const cluster: FlagOverrides['cluster'] = {};
  if (o.autopilot !== undefined) cluster.autopilot = flag(o.autopilot, '--autopilot');
  if (o.createdVersion !== undefined) {
    cluster.createdVersion = flag(parseGkeVersion(o.createdVersion), '--created-version');
  }
  if (o.privateGoogleAccess !== undefined) {
    cluster.privateGoogleAccess = flag(o.privateGoogleAccess, '--private-google-access');
  }
  const repositoryCmek =
    o.cmek === undefined ? undefined : flag(o.cmek ? 'a customer-managed key (--cmek)' : null, '--cmek');
  return { pool, cluster, repositoryCmek };
}

/** Flags replace whatever the APIs said; pool flags apply to every pool. */
function applyOverrides(facts: CheckFacts, overrides: FlagOverrides, poolName: string | undefined): CheckFacts {
  const pools = facts.pools.length > 0 ? facts.pools : [poolName ? { name: poolName } : {}];
  return {
    ...facts,
    pools: pools.map((p) => ({ ...p, ...overrides.pool })),
    cluster: { ...facts.cluster, ...overrides.cluster },
    repositoryCmek: overrides.repositoryCmek ?? facts.repositoryCmek,
  };
}
