/**
 * The bot's environment in the playground: built from scratch (nothing else of the shell's reaches
 * it, so a real SLACK_BOT_TOKEN or project id cannot), every Google API on the simulator.
 */

/** What the playground decides; the rest is fixed. */
export interface PlaygroundEnvInput {
  /** The simulator's endpoints, project and token (SimulatedCloud.env). */
  cloud: Record<string, string>;
  redisUrl: string;
  /** This run's Redis prefix: the web chat keeps its messages in memory, so a run must not meet an earlier run's alerts. */
  redisPrefix: string;
  port: number;
  logLevel?: string;
}

/** The environment startBot's config is loaded from (loadBotConfig(env, { pluggedPlatform: true })). */
export function playgroundBotEnv(input: PlaygroundEnvInput): NodeJS.ProcessEnv {
  return {
    ...input.cloud,
    METADATA_SERVER_DETECTION: 'none',
    REDIS_URL: input.redisUrl,
    IMAGESTREAM_REDIS_PREFIX: input.redisPrefix,
    IMAGESTREAM_ROLE: 'all',
    PORT: String(input.port),
    // Operations take a few seconds in the simulator: poll often enough to show every step.
    IMAGESTREAM_GKE_POLL_MS: '500',
    // One alert per problem per minute: a second storm a minute later says "still happening".
    IMAGESTREAM_ALERT_WINDOW_MINUTES: '1',
    IMAGESTREAM_ALERT_UPDATE_SECONDS: '1',
    // Quiet by default: the bot's production warnings (Redis persistence off, no approvers) do not apply here.
    LOG_LEVEL: input.logLevel ?? 'error',
  };
}
