import type { WebDeps } from '../../../handlers/web-deps';
import type { HttpLimits } from '../../../src/app/http-limits';
import type { OpsRoute } from '../../../src/app/ops-routes';
import type { BotConfig } from '../../../src/config';
import type { Logger } from '../../../src/logging/logger';
import type { ChatApproverDirectory } from '../approvers/chat-approver-directory';
import type { ChatWebDeps } from '../events/chat-web-deps';
import { createChatRequestVerifier } from '../verify/chat-request-verifier';
import { chatEventsRoute } from './chat-events-route';

/** The config Google Chat's front door reads. */
export type GoogleChatWebConfig = Pick<
  BotConfig,
  'GOOGLE_CHAT_AUDIENCE' | 'GOOGLE_CHAT_CERTS_URL' | 'GOOGLE_CHAT_COMMAND_ID'
>;

export interface GoogleChatWebOptions {
  config: GoogleChatWebConfig;
  logger: Logger;
  /** The core's listener deps, shared with every platform (one approval store, one queue). */
  deps: WebDeps;
  /** The same directory the approver policy asks: events teach it the e-mails of their users. */
  directory: ChatApproverDirectory;
  limits: Pick<HttpLimits, 'bodyLimitBytes' | 'bodyTimeoutMs'>;
}

/**
 * Google Chat's front door over HTTP: with GOOGLE_CHAT_AUDIENCE set, the route `POST
 * /google-chat/events`, served by whichever HTTP server the process runs (Slack's front door, or
 * the ops server). The verifier is built here, so a bad audience stops the start with its message.
 */
export function googleChatRoutes(options: GoogleChatWebOptions): OpsRoute[] {
  const { config, logger } = options;
  if (config.GOOGLE_CHAT_AUDIENCE === undefined) return [];
  const verifier = createChatRequestVerifier({
    audience: config.GOOGLE_CHAT_AUDIENCE,
    ...(config.GOOGLE_CHAT_CERTS_URL !== undefined ? { certsUrl: config.GOOGLE_CHAT_CERTS_URL } : {}),
  });
  return [chatEventsRoute({ verifier, deps: chatWebDeps(options), limits: options.limits, logger })];
}

/** The core's deps plus what Chat's event handling needs. */
export function chatWebDeps({ config, deps, directory }: GoogleChatWebOptions): ChatWebDeps {
  return {
    ...deps,
    chat: {
      ...(config.GOOGLE_CHAT_COMMAND_ID !== undefined ? { commandId: config.GOOGLE_CHAT_COMMAND_ID } : {}),
      directory,
    },
  };
}
