import type { BotConfig } from '../config';

/** Which chat platforms this bot serves, and how (config checks that at least one is set up). */
export interface Platforms {
  /** SLACK_BOT_TOKEN is set. */
  slack: boolean;
  /** Slack's requests come over HTTP (POST /slack/events): no SLACK_APP_TOKEN (Socket Mode). */
  slackOverHttp: boolean;
  /** GOOGLE_CHAT_AUDIENCE (HTTP) or GOOGLE_CHAT_SUBSCRIPTION (Pub/Sub) is set. */
  googleChat: boolean;
}

export function platformsOf(
  config: Pick<BotConfig, 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN' | 'GOOGLE_CHAT_AUDIENCE' | 'GOOGLE_CHAT_SUBSCRIPTION'>,
): Platforms {
  const slack = config.SLACK_BOT_TOKEN !== undefined;
  return {
    slack,
    slackOverHttp: slack && config.SLACK_APP_TOKEN === undefined,
    googleChat: config.GOOGLE_CHAT_AUDIENCE !== undefined || config.GOOGLE_CHAT_SUBSCRIPTION !== undefined,
  };
}
