import type { WebDeps } from '../../../handlers/web-deps';
import type { OpsRoute } from '../../../src/app/ops-routes';
import type { WebConversation } from '../state/web-conversation';
import { clickRoute } from './click-route';
import { commandRoute } from './command-route';
import { homeRoute } from './home-route';
import { messagesRoute } from './messages-route';
import { pageRoute } from './page-route';
import { streamRoute } from './stream-route';

/** Every route of the web chat, under /playground, on the core's listener deps. */
export function playgroundRoutes(chat: WebConversation, deps: WebDeps): OpsRoute[] {
  return [
    pageRoute(),
    messagesRoute(chat, deps.logger),
    streamRoute(chat, deps.logger),
    commandRoute(chat, deps),
    clickRoute(chat, deps),
    homeRoute(deps),
  ];
}
