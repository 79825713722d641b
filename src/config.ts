import { z } from 'zod';

/**
 * The one place that reads the environment. Every key is declared here with its doc, format and
 * default; `loadConfig` parses them all at once and reports every bad key by name.
 */

/** An absolute http(s) base URL. */
const httpUrl = () => z.string().regex(/^https?:\/\/[^\s/?#]+(\/[^\s]*)?$/, 'must be an absolute http(s) URL');

const optionalNonEmpty = (doc: string) => z.string().trim().min(1).optional().describe(doc);

export const configSchema = z.object({
  GOOGLE_CLOUD_PROJECT: optionalNonEmpty('Default project for commands that name a cluster without --project.'),
  IMAGESTREAM_DEFAULT_LOCATION: optionalNonEmpty(
    'Default cluster location (region or zone) for commands that name a cluster without --location.',
  ),
  GOOGLE_OAUTH_ACCESS_TOKEN: optionalNonEmpty(
    'A fixed OAuth access token (local runs, tests, CI with `gcloud auth print-access-token`); unset = Application Default Credentials.',
  ),
  CONTAINER_API_ENDPOINT: httpUrl().default('https://container.googleapis.com/').describe('Base URL of the GKE API.'),
  ARTIFACTREGISTRY_API_ENDPOINT: httpUrl()
    .default('https://artifactregistry.googleapis.com/')
    .describe('Base URL of the Artifact Registry API.'),
  SERVICEUSAGE_API_ENDPOINT: httpUrl()
    .default('https://serviceusage.googleapis.com/')
    .describe('Base URL of the Service Usage API.'),
  COMPUTE_API_ENDPOINT: httpUrl().default('https://compute.googleapis.com/').describe('Base URL of the Compute Engine API.'),
  CLOUDRESOURCEMANAGER_API_ENDPOINT: httpUrl()
    .default('https://cloudresourcemanager.googleapis.com/')
    .describe('Base URL of the Resource Manager API.'),
  IMAGESTREAM_REGISTRY_URL: httpUrl()
    .optional()
    .describe(
      'Base URL that replaces https://HOST for every image manifest fetch (a mirror, or a local registry in tests); unset = the image host.',
    ),
  IMAGESTREAM_PLATFORM: z
    .string()
    .regex(/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/, 'must be OS/ARCH[/VARIANT], e.g. linux/amd64')
    .default('linux/amd64')
    .describe("The nodes' platform, picked from multi-platform images."),
  IMAGESTREAM_HTTP_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(300_000)
    .default(15_000)
    .describe('Timeout of one HTTP request to a registry or Google API, in milliseconds.'),
});

export type Config = z.infer<typeof configSchema>;

/** Thrown by loadConfig with one line per bad key. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment (empty strings count as unset); throws ConfigError naming every bad key. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') present[key] = value;
  }
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return parsed.data;
}

/** Every key with its doc and default, for the README and `--help`. */
export function describeConfig(): Array<{ key: string; doc: string }> {
  return Object.entries(configSchema.shape).map(([key, schema]) => ({ key, doc: schema.description ?? '' }));
}
