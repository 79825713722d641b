import type { WebClient } from '@slack/web-api';

/**
 * The bot's Slack Web API client, as the composition root hands it to what still needs it (the
 * approver directory, the jobs' Slack calls): named here so that src/ imports no `@slack/*`.
 */
export type SlackWebClient = WebClient;
