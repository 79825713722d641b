import type { OpsRoute } from '../../../src/app/ops-routes';
import type { Logger } from '../../../src/logging/logger';
import type { WebConversation } from '../state/web-conversation';
import { sendJson, serveAsync, userOfQuery } from './web-request';

/** `GET /playground/messages?user=alice`: the messages that user may see, oldest first. */
export function messagesRoute(chat: WebConversation, logger: Logger): OpsRoute {
  return {
    path: '/playground/messages',
    method: ['GET'],
    handler: serveAsync(logger, '/playground/messages', async (req, res) => {
      sendJson(res, { messages: chat.visibleTo(userOfQuery(req)) });
    }),
  };
}
