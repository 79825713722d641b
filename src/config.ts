import { z } from 'zod';
import { AccessScope } from './access/access-scope';
import { DESTINATION_HINT, parseDestination, parseRoute } from './alerts/alert-destinations';
import { parseChannelMap } from './alerts/channel-map';
import { digestPatternProblem, timeZoneProblem } from './digest/digest-pattern';
import { PROJECT_ID_PATTERN, locationSchema, projectIdSchema } from './google/cluster-target';
import { registryHostEntrySchema } from './registry/registry-hosts';

/**
 * The one place that reads the environment. Every key is declared here with its doc, format and
 * default; `loadConfig` parses them all at once and reports every bad key by name.
 */

/** An absolute http(s) base URL. */
const httpUrl = () => z.string().regex(/^https?:\/\/[^\s/?#]+(\/[^\s]*)?$/, 'must be an absolute http(s) URL');

/** A comma-separated list, items trimmed, empty items dropped. */
const csv = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);

const optionalNonEmpty = (doc: string) => z.string().trim().min(1).optional().describe(doc);

/** A Pub/Sub subscription: its short name, or `projects/P/subscriptions/S`. */
const subscriptionSchema = () =>
  z
    .string()
    .regex(
      new RegExp(`^(projects/${PROJECT_ID_PATTERN}/subscriptions/)?[A-Za-z][\\w.~+%-]{2,254}$`),
      'a subscription name or projects/P/subscriptions/S',
    );

/** A value the alert code parses (one definition, in src/alerts): its UsageError becomes the key's problem. */
const checkedBy = (parse: (value: string) => unknown) =>
  z.string().superRefine((value, ctx) => {
    try {
      parse(value);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) });
    }
  });

/** A value checked by a function that says what is wrong with it (undefined: nothing). */
const problemCheck = (problemOf: (value: string) => string | undefined) => (value: string, ctx: z.RefinementCtx) => {
  const problem = problemOf(value);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
};

/** Google Chat users as the API names them (same charset as adapters/google-chat/chat-ids.ts, which the core cannot import). */
const CHAT_USER = /^users\/[A-Za-z0-9_-]{1,100}$/;
const EMAIL = z.string().email();

/** GOOGLE_CHAT_APPROVERS: `users/…` ids and e-mail addresses (lower-cased: the event's user.email is matched without case). */
const chatApproversSchema = csv.transform((items, ctx) => {
  const approvers: string[] = [];
  for (const item of items) {
    if (CHAT_USER.test(item)) approvers.push(item);
    else if (EMAIL.safeParse(item).success) approvers.push(item.toLowerCase());
    else
      ctx.addIssue({
        code: 'custom',
        message: `${JSON.stringify(item.slice(0, 100))} is neither a Google Chat user (users/123…) nor an e-mail address`,
      });
  }
  return approvers;
});

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
  COMPUTE_API_ENDPOINT: httpUrl()
    .default('https://compute.googleapis.com/')
    .describe('Base URL of the Compute Engine API.'),
  CLOUDRESOURCEMANAGER_API_ENDPOINT: httpUrl()
    .default('https://cloudresourcemanager.googleapis.com/')
    .describe('Base URL of the Resource Manager API.'),
  IMAGESTREAM_REGISTRY_URL: httpUrl()
    .optional()
    .describe(
      'Base URL that replaces https://HOST for every image manifest fetch (a mirror, or a local registry in tests), whatever the image host; its host is allowed like a named IMAGESTREAM_REGISTRY_HOSTS entry; unset = the image host.',
    ),
  IMAGESTREAM_REGISTRY_HOSTS: csv
    .pipe(z.array(registryHostEntrySchema))
    .default([])
    .describe(
      'Registry hosts `check` may contact besides Artifact Registry (*-docker.pkg.dev) and gcr.io (*.gcr.io): comma-separated HOST[:PORT] or *.DOMAIN[:PORT], port 443 when none is given. Hosts named exactly (not wildcards) may resolve to private or loopback addresses (a private mirror).',
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
  return parseEnv(configSchema, env);
}

function parseEnv<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv, checked: z.ZodType = schema): z.infer<S> {
  const present: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') present[key] = value;
  }
  const parsed = checked.safeParse(present) as z.ZodSafeParseResult<z.infer<S>>;
  if (!parsed.success) {
    // Only key names and messages: a secret's value must never reach a log.
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return parsed.data;
}

/** Every key of the bot (core keys included) with its doc, for the README. */
export function describeConfig(): Array<{ key: string; doc: string }> {
  return Object.entries(botConfigSchema.shape).map(([key, schema]) => ({
    key,
    doc: (schema as z.ZodType).description ?? '',
  }));
}

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/**
 * The bot's configuration: the core keys above plus Slack, Google Chat, Redis and approval
 * settings. The CLI never needs these, so they live in their own schema; the bot parses both at start-up.
 */
export const botConfigSchema = configSchema.extend({
  SLACK_SIGNING_SECRET: z
    .string()
    .min(8)
    .optional()
    .describe(
      "The Slack app's signing secret: every HTTP request is checked against it. Required when the bot serves Slack over HTTP (unless SLACK_APP_TOKEN is set: Socket Mode requests are not signed).",
    ),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, 'must be an app-level token (xapp-...)')
    .optional()
    .describe(
      'An app-level token (xapp-..., scope connections:write): when set, the web role receives Slack over Socket Mode (an outbound WebSocket) instead of HTTP, and needs no public URL.',
    ),
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-/, 'must be a bot token (xoxb-...)')
    .optional()
    .describe(
      'The bot token (xoxb-...) for chat.postMessage, chat.update, chat.postEphemeral, usergroups.users.list; when set, the bot serves Slack. Required unless Google Chat is configured.',
    ),
  SLACK_API_URL: httpUrl().default('https://slack.com/api/').describe('Slack Web API base URL.'),
  SLACK_RESPONSE_URL_PREFIX: httpUrl()
    .default('https://hooks.slack.com/')
    .describe('Replies are posted only to response_url values under this prefix (tests point it at a local fake).'),
  PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(3000)
    .describe(
      'HTTP port of the Slack endpoint (HTTP mode), of the Google Chat endpoint (with GOOGLE_CHAT_AUDIENCE) and of /healthz, /readyz, /metrics in every role and mode (0: any free port).',
    ),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .default('redis://127.0.0.1:6379')
    .describe('Redis (Memorystore in production) for the job queue, approvals and the audit log.'),
  IMAGESTREAM_REDIS_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{1,32}$/i, 'letters, digits, - and _ only')
    .default('imagestream')
    .describe('Prefix of every Redis key and of the BullMQ queue, so several bots can share one Redis.'),
  IMAGESTREAM_ROLE: z
    .enum(['web', 'worker', 'all'])
    .default('all')
    .describe('web: chat listeners only (Slack and/or Google Chat); worker: jobs only; all: both in one process.'),
  IMAGESTREAM_WORKER_THREAD: bool
    .default(false)
    .describe(
      'With IMAGESTREAM_ROLE=all, run the jobs in a worker thread of their own event loop instead of beside the chat listeners (see BENCHMARKS.md, ack under jobs).',
    ),
  IMAGESTREAM_APPROVERS: csv
    .pipe(z.array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'Slack user IDs look like U0123ABC')))
    .default([])
    .describe("Comma-separated Slack user IDs allowed to approve changes (Google Chat's: GOOGLE_CHAT_APPROVERS)."),
  IMAGESTREAM_APPROVER_GROUP: z
    .string()
    .regex(/^S[A-Z0-9]{2,}$/, 'a Slack user group ID looks like S0123ABC')
    .optional()
    .describe('A Slack user group whose members may approve changes (needs the usergroups:read scope).'),
  IMAGESTREAM_ALLOW_SELF_APPROVAL: bool.default(false).describe('Let the requester approve their own request.'),
  IMAGESTREAM_APPROVAL_TTL_HOURS: z.coerce
    .number()
    .min(0.0002)
    .max(24 * 30)
    .default(24)
    .describe('Hours after which an approval request expires.'),
  IMAGESTREAM_MUTATION_CHANNELS: csv
    .pipe(
      z.array(
        z
          .string()
          .refine(
            (id) => /^[CGD][A-Z0-9]{2,}$/.test(id) || parseDestination(id)?.platform === 'gchat',
            'Slack channel IDs look like C0123ABC; Google Chat spaces look like spaces/AAAA1234',
          ),
      ),
    )
    .default([])
    .describe(
      'Slack channel IDs and Google Chat spaces (spaces/...) where enable/disable may be requested, each on a platform the bot serves; empty = any channel or space.',
    ),
  IMAGESTREAM_WORKER_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(5)
    .describe(
      'Reads and other jobs (queue `jobs`: status, check, verify, errors, the Home, approval requests) one worker runs at once.',
    ),
  IMAGESTREAM_ACK_REDIS_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(10)
    .max(2500)
    .default(1500)
    .describe(
      "Longest wait for Redis before a chat request is acked (queueing a job, the audit log, an approval click); Slack gives up at 3 s and Google Chat events are acked within the same 3 s, so the user is told the bot's queue is not answering instead.",
    ),
  IMAGESTREAM_CHANGE_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(5)
    .describe('Approved changes (queue `changes`) one worker runs at once, apart from every other job.'),
  IMAGESTREAM_REPLY_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(50)
    .describe(
      'Chat replies and approval message updates (queue `replies`) one worker sends at once; each may wait out a Slack or Google Chat outage.',
    ),
  IMAGESTREAM_JOB_LOCK_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .max(600_000)
    .default(30_000)
    .describe("How long a job stays locked to a worker without renewal; a crashed worker's job is resumed after it."),
  IMAGESTREAM_SHUTDOWN_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(600_000)
    .default(8000)
    .describe(
      "On SIGTERM, how long the bot may take to stop (finish jobs, close Redis) before it exits 1 naming what did not close; under the platform's grace period (Cloud Run 10 s, Kubernetes 30 s).",
    ),
  IMAGESTREAM_GKE_POLL_MS: z.coerce
    .number()
    .int()
    .min(10)
    .max(60_000)
    .default(2000)
    .describe(
      'First delay between polls of a GKE operation (doubling up to 30 s), and of retries while the cluster is busy.',
    ),
  LOGGING_API_ENDPOINT: httpUrl()
    .default('https://logging.googleapis.com/')
    .describe(
      "Base URL of the Cloud Logging API (`/imagestream errors`, setup-alerts' sink, the audit log); an http:// URL is a local fake.",
    ),
  IMAGESTREAM_AUDIT_LOG: z
    .string()
    .trim()
    .regex(/^(off|[A-Za-z0-9_./-]{1,100})$/, 'must be a log id (letters, digits, _ . / -) or off')
    .default('imagestream-audit')
    .describe(
      'The Cloud Logging log of GOOGLE_CLOUD_PROJECT every audit event is also written to (a structured entry, in the background; needs logging.logEntries.create); `off` writes none. Without GOOGLE_CLOUD_PROJECT nothing is written: the log lines and the Redis list of /imagestream audit keep the trail.',
    ),
  CLOUDQUOTAS_API_ENDPOINT: httpUrl()
    .default('https://cloudquotas.googleapis.com/')
    .describe('Base URL of the Cloud Quotas API (the quota fix button).'),
  PUBSUB_SUBSCRIPTION: subscriptionSchema()
    .optional()
    .describe(
      'The Pub/Sub subscription fed by the gcfsd log sink; when set, workers turn its entries into alerts (PUBSUB_EMULATOR_HOST points the client at an emulator).',
    ),
  PUBSUB_MAX_STREAMS: z.coerce
    .number()
    .int()
    .min(1)
    .max(50)
    .default(5)
    .describe(
      "Parallel streaming pulls each replica opens on PUBSUB_SUBSCRIPTION (the Pub/Sub client's default is 5); more when one stream's delivery, not the CPU, bounds how many entries a replica reads (BENCHMARKS.md).",
    ),
  ALERT_CHANNEL: checkedBy((value) => {
    if (parseRoute(value).length === 0) throw new Error(DESTINATION_HINT);
  })
    .optional()
    .describe(
      'Where alerts of clusters and projects the channel map does not name go: a Slack channel (C0123ABC), a Google Chat space (spaces/AAAA1234), or both joined by + (C0123ABC+spaces/AAAA1234); each on a platform the bot serves.',
    ),
  IMAGESTREAM_ALERT_CHANNELS: checkedBy(parseChannelMap)
    .optional()
    .describe(
      'Alert destination per cluster or project: "prod-1=C0123ABC,acme-prod=spaces/AAAA1234,shop=C0456DEF+spaces/BBBB5678" (cluster first, then project; a Slack channel, a Google Chat space, or one of each joined by +; each on a platform the bot serves).',
    ),
  IMAGESTREAM_ALERT_WINDOW_MINUTES: z.coerce
    .number()
    .min(0.01)
    .max(24 * 60)
    .default(10)
    .describe('One alert per problem (project, cluster, class) within this window; later entries update it in place.'),
  IMAGESTREAM_ALERT_UPDATE_SECONDS: z.coerce
    .number()
    .min(0.01)
    .max(600)
    .default(5)
    .describe("An alert's message is updated at most once per this many seconds."),
  IMAGESTREAM_MUTE_BY: z
    .enum(['approvers', 'channel'])
    .default('approvers')
    .describe('Who may mute a problem: approvers only, or anyone in the channel or space.'),
  IMAGESTREAM_DIGEST: z
    .string()
    .trim()
    .superRefine(problemCheck(digestPatternProblem))
    .optional()
    .describe(
      'When to post the weekly digest of image pulls (streamed vs full, time saved, images that fell back to full pulls and why) to each cluster\'s alert destination: a cron pattern such as "0 9 * * 1" (Mondays 09:00); unset = no digest.',
    ),
  IMAGESTREAM_DIGEST_TZ: z
    .string()
    .trim()
    .superRefine(problemCheck(timeZoneProblem))
    .default('UTC')
    .describe('The IANA time zone IMAGESTREAM_DIGEST is read in (Europe/Paris...).'),
  IMAGESTREAM_HOME_PROJECTS: csv
    .pipe(z.array(projectIdSchema).max(20))
    .default([])
    .describe(
      'Comma-separated projects the App Home lists besides GOOGLE_CLOUD_PROJECT (at most 20; needs container.clusters.list).',
    ),
  IMAGESTREAM_ALLOWED_PROJECTS: csv
    .pipe(z.array(projectIdSchema))
    .default([])
    .describe(
      'Comma-separated projects the bot may touch (commands, buttons, approvals, the App Home, the image of check); anything else is refused. Empty = any project its service account can read (a warning at start).',
    ),
  IMAGESTREAM_ALLOWED_LOCATIONS: csv
    .pipe(z.array(locationSchema))
    .default([])
    .describe(
      'Comma-separated regions or zones of the clusters the bot may touch (a region allows its zones); empty = any location.',
    ),
  IMAGESTREAM_QUOTA_MULTIPLE: z.coerce
    .number()
    .min(1.1)
    .max(100)
    .default(2)
    .describe('The quota fix asks for the current content-request quota times this.'),
  IMAGESTREAM_QUOTA_CONTACT_EMAIL: z
    .string()
    .email()
    .optional()
    .describe('Contact email sent with quota increase requests.'),
  GOOGLE_CHAT_AUDIENCE: z
    .string()
    .regex(/^(\d{1,20}|https:\/\/[^\s/?#]+(\/[^\s]*)?)$/, 'must be a project number (digits) or an https:// URL')
    .optional()
    .describe(
      "The Google Chat app's authentication audience: its project number (Chat sends a JWT signed by chat@system.gserviceaccount.com) or the HTTP endpoint URL (a Google OIDC ID token). When set, the web role serves Google Chat at POST /google-chat/events.",
    ),
  GOOGLE_CHAT_CERTS_URL: httpUrl()
    .optional()
    .describe(
      "Where the certificates of Chat's JWTs are fetched (a {kid: PEM certificate} map); default Google's x509 URL for chat@system.gserviceaccount.com (tests point it at a local fake).",
    ),
  GOOGLE_CHAT_SUBSCRIPTION: subscriptionSchema()
    .optional()
    .describe(
      'A Pub/Sub subscription of the topic the Chat app publishes its events to (an app behind a firewall); when set, the web role pulls Google Chat events from it and every answer goes through the Chat API.',
    ),
  GOOGLE_CHAT_COMMAND_ID: z.coerce
    .number()
    .int()
    .positive()
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .describe(
      'The numeric command ID given to /imagestream on the Chat API configuration page (a slash command event carries it in message.slashCommand.commandId).',
    ),
  GOOGLE_CHAT_APPROVERS: chatApproversSchema
    .default([])
    .describe(
      'Comma-separated Google Chat users (users/123...) or e-mail addresses allowed to approve changes from Google Chat.',
    ),
  CHAT_API_ENDPOINT: httpUrl()
    .default('https://chat.googleapis.com/')
    .describe('Base URL of the Google Chat API (messages are created and updated with app authentication).'),
  LOG_LEVEL: z
    .enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'])
    .default('info')
    .describe('Level of the JSON logs written to stdout.'),
});

export type BotConfig = z.infer<typeof botConfigSchema>;

// These cross-key rules run even when another key is bad (zod skips them by default), so a
// first run reports every missing key at once, not one per restart. They read only presence.
const whenAnObject = {
  when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null,
};
type Present = Partial<Record<keyof BotConfig, unknown>>;

// Alerts need somewhere to go.
const alertsChecked = botConfigSchema
  .refine((c: Present) => !c.PUBSUB_SUBSCRIPTION || c.ALERT_CHANNEL || c.IMAGESTREAM_ALERT_CHANNELS, {
    message: 'PUBSUB_SUBSCRIPTION needs ALERT_CHANNEL or IMAGESTREAM_ALERT_CHANNELS',
    path: ['ALERT_CHANNEL'],
    ...whenAnObject,
  })
  // The digest goes to the clusters' alert destinations, of the projects the bot lists: with
  // neither, it would never post anything.
  .refine((c: Present) => !c.IMAGESTREAM_DIGEST || c.ALERT_CHANNEL || c.IMAGESTREAM_ALERT_CHANNELS, {
    message: 'needs ALERT_CHANNEL or IMAGESTREAM_ALERT_CHANNELS (the digest goes to the alert destinations)',
    path: ['IMAGESTREAM_DIGEST'],
    ...whenAnObject,
  })
  .refine(
    (c: Present) =>
      !c.IMAGESTREAM_DIGEST ||
      c.GOOGLE_CLOUD_PROJECT ||
      (Array.isArray(c.IMAGESTREAM_HOME_PROJECTS) && c.IMAGESTREAM_HOME_PROJECTS.length > 0),
    {
      message: 'needs GOOGLE_CLOUD_PROJECT or IMAGESTREAM_HOME_PROJECTS (the projects whose clusters it covers)',
      path: ['IMAGESTREAM_DIGEST'],
      ...whenAnObject,
    },
  );

// The defaults and the Home's projects must lie inside the allow-lists: else every command using
// the default, or every Home refresh, would be refused, which is a configuration mistake.
const scopeChecked = alertsChecked.superRefine((c: Present, ctx) => {
  const projects = Array.isArray(c.IMAGESTREAM_ALLOWED_PROJECTS) ? (c.IMAGESTREAM_ALLOWED_PROJECTS as string[]) : [];
  const locations = Array.isArray(c.IMAGESTREAM_ALLOWED_LOCATIONS) ? (c.IMAGESTREAM_ALLOWED_LOCATIONS as string[]) : [];
  const scope = new AccessScope(projects, locations);
  const outside = (key: keyof BotConfig, refusal: string | undefined) => {
    if (refusal !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: refusal });
  };
  if (typeof c.GOOGLE_CLOUD_PROJECT === 'string')
    outside('GOOGLE_CLOUD_PROJECT', scope.refusal({ project: c.GOOGLE_CLOUD_PROJECT }));
  for (const project of Array.isArray(c.IMAGESTREAM_HOME_PROJECTS) ? (c.IMAGESTREAM_HOME_PROJECTS as string[]) : [])
    outside('IMAGESTREAM_HOME_PROJECTS', scope.refusal({ project }));
  if (typeof c.IMAGESTREAM_DEFAULT_LOCATION === 'string' && !scope.allowsLocation(c.IMAGESTREAM_DEFAULT_LOCATION))
    outside(
      'IMAGESTREAM_DEFAULT_LOCATION',
      `${c.IMAGESTREAM_DEFAULT_LOCATION} is not in IMAGESTREAM_ALLOWED_LOCATIONS (${locations.join(', ')})`,
    );
}, whenAnObject);

/** Google Chat is served when its events have a way in: the HTTP endpoint's audience, or a subscription. */
const servesGoogleChat = (c: Present): boolean => Boolean(c.GOOGLE_CHAT_AUDIENCE || c.GOOGLE_CHAT_SUBSCRIPTION);
/** Slack is served with a bot token; with no platform configured at all it is the one asked for (a first run). */
const servesSlack = (c: Present): boolean => Boolean(c.SLACK_BOT_TOKEN) || !servesGoogleChat(c);

// At least one platform: a bot that serves no chat is a configuration mistake.
const platformChecked = scopeChecked.refine((c: Present) => !servesSlack(c) || c.SLACK_BOT_TOKEN, {
  message:
    'required unless Google Chat is configured: set SLACK_BOT_TOKEN (Slack), GOOGLE_CHAT_AUDIENCE or GOOGLE_CHAT_SUBSCRIPTION (Google Chat), or both',
  path: ['SLACK_BOT_TOKEN'],
  ...whenAnObject,
});

/** Each platform a destination may be on: what its destinations are called, and the keys that serve it. */
const PLATFORM_KEYS: Record<
  string,
  { name: string; one: string; many: string; keys: string; served(c: Present): boolean }
> = {
  slack: {
    name: 'Slack',
    one: 'a Slack channel',
    many: 'Slack channels',
    keys: 'SLACK_BOT_TOKEN',
    served: (c) => Boolean(c.SLACK_BOT_TOKEN),
  },
  gchat: {
    name: 'Google Chat',
    one: 'a Google Chat space',
    many: 'Google Chat spaces',
    keys: 'GOOGLE_CHAT_AUDIENCE or GOOGLE_CHAT_SUBSCRIPTION',
    served: servesGoogleChat,
  },
};
type RoutingKey = 'ALERT_CHANNEL' | 'IMAGESTREAM_ALERT_CHANNELS' | 'IMAGESTREAM_MUTATION_CHANNELS';

/**
 * The destinations a routing key names, as ids: ALERT_CHANNEL's route, the channel map's routes,
 * the mutation channels. A value that does not parse names none here: its own key reports it.
 */
function destinationIds(key: RoutingKey, value: unknown): string[] {
  try {
    if (key === 'IMAGESTREAM_MUTATION_CHANNELS')
      return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? csv.parse(value) : [];
    if (typeof value !== 'string') return [];
    const routes = key === 'ALERT_CHANNEL' ? [value] : Object.values(parseChannelMap(value));
    return routes.flatMap((route) => parseRoute(route).map((d) => d.space));
  } catch {
    return [];
  }
}
// A mutation channel may be a Slack DM (D…), which no alert route names.
const platformOf = (id: string): string | undefined =>
  parseDestination(id)?.platform ?? (/^D[A-Z0-9]{2,}$/.test(id) ? 'slack' : undefined);

// A destination on a platform the bot does not serve would never get a message (alerts kept and
// never sent, a mutation channel nobody can use): refused at start, naming the key that turns it on.
// Without any platform the missing one is already reported (SLACK_BOT_TOKEN), so Slack is not blamed twice.
const destinationsChecked = platformChecked.superRefine((c: Present, ctx) => {
  const keys: RoutingKey[] = ['ALERT_CHANNEL', 'IMAGESTREAM_ALERT_CHANNELS', 'IMAGESTREAM_MUTATION_CHANNELS'];
  for (const key of keys) {
    const ids = destinationIds(key, c[key]);
    for (const [platform, p] of Object.entries(PLATFORM_KEYS)) {
      if (p.served(c) || (platform === 'slack' && !servesGoogleChat(c))) continue;
      const unserved = ids.filter((id) => platformOf(id) === platform);
      if (unserved.length === 0) continue;
      const shown = unserved.slice(0, 3).join(', ') + (unserved.length > 3 ? ', …' : '');
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `names ${unserved.length > 1 ? p.many : p.one} (${shown}), but the bot does not serve ${p.name}: set ${p.keys}`,
      });
    }
  }
}, whenAnObject);

// Slack over HTTP stays strict: without Socket Mode every request must be signed.
const botConfigChecked = destinationsChecked.refine(
  (c: Present) => !servesSlack(c) || c.SLACK_APP_TOKEN || c.SLACK_SIGNING_SECRET,
  {
    message: 'required unless SLACK_APP_TOKEN is set (Socket Mode)',
    path: ['SLACK_SIGNING_SECRET'],
    ...whenAnObject,
  },
);

/** Parses the bot's environment; throws ConfigError naming every bad or missing key. */
export function loadBotConfig(
  env: NodeJS.ProcessEnv = process.env,
  /**
   * `pluggedPlatform`: the chat comes from a platform plugged in by code (the playground's web
   * chat, src/app/platform-plugin.ts), so neither Slack's nor Google Chat's keys are required.
   */
  options: { pluggedPlatform?: boolean } = {},
): BotConfig {
  return parseEnv(botConfigSchema, env, options.pluggedPlatform ? scopeChecked : botConfigChecked);
}
