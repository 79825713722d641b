import type { OpsRoute } from '../../../src/app/ops-routes';
import type { Logger } from '../../../src/logging/logger';
import type { WebConversation } from '../state/web-conversation';
import { visibleToUser } from '../web-message';
import { serveAsync, userOfQuery } from './web-request';

/** How often an idle stream sends a comment, so proxies and browsers keep it open. */
export const KEEP_ALIVE_MS = 15_000;

/**
 * `GET /playground/stream?user=alice`: Server-Sent Events, one `message` event (data: a
 * WebMessage) for every post and update that user may see. A comment every `keepAliveMs` keeps an
 * idle stream open; when the browser goes (or the server stops), the listener and timer go too.
 */
export function streamRoute(chat: WebConversation, logger: Logger, keepAliveMs = KEEP_ALIVE_MS): OpsRoute {
  return {
    path: '/playground/stream',
    method: ['GET'],
    handler: serveAsync(logger, '/playground/stream', async (req, res) => {
      const user = userOfQuery(req);
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        // A buffering proxy in front would hold events back until its buffer fills.
        'x-accel-buffering': 'no',
      });
      // The comment flushes the headers: the browser's EventSource opens at once.
      res.write(': connected\n\n');
      const stop = chat.subscribe((message) => {
        if (visibleToUser(message, user)) res.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
      });
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), keepAliveMs);
      keepAlive.unref();
      res.once('close', () => {
        clearInterval(keepAlive);
        stop();
      });
    }),
  };
}
