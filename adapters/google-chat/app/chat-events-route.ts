import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpLimits } from '../../../src/app/http-limits';
import type { OpsRoute } from '../../../src/app/ops-routes';
import { refuseRequest } from '../../../src/app/refuse-request';
import { errorMessage } from '../../../src/errors';
import type { Logger } from '../../../src/logging/logger';
import { handleChatEvent } from '../events/handle-chat-event';
import type { ChatWebDeps } from '../events/chat-web-deps';
import type { ChatRequestVerifier } from '../verify/chat-request-verifier';
import { JsonBodyRefused, readJsonBody } from '../../../src/app/read-json-body';

/** Where Chat posts interaction events (the app's HTTP endpoint URL ends with it). */
export const GOOGLE_CHAT_EVENTS_PATH = '/google-chat/events';

export interface ChatEventsRouteOptions {
  verifier: ChatRequestVerifier;
  deps: ChatWebDeps;
  limits: Pick<HttpLimits, 'bodyLimitBytes' | 'bodyTimeoutMs'>;
  logger: Logger;
}

/**
 * `POST /google-chat/events`, shaped as an ops route so either front door serves it. The bearer
 * token is verified before a byte of the body is read (it covers no body, so nothing is gained by
 * reading first, and a forged request costs no more than its headers); then the body, within the
 * limits; then the event's synchronous answer as JSON (`{}` for none). 401 for a token that does
 * not verify, 400 for a body that is not JSON, 500 on a failure of ours; never an unhandled
 * rejection. The answer comes well within Chat's deadline: commands only enqueue.
 */
export function chatEventsRoute(options: ChatEventsRouteOptions): OpsRoute {
  const { logger } = options;
  return {
    path: GOOGLE_CHAT_EVENTS_PATH,
    method: ['POST'],
    handler: (req, res) => {
      serve(req, res, options).catch((err: unknown) => {
        logger.error(`error while receiving a Google Chat request: ${errorMessage(err)}`);
        refuseRequest(res, 500, 'internal error');
      });
    },
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, options: ChatEventsRouteOptions): Promise<void> {
  const { verifier, deps, limits, logger } = options;
  const startedAt = performance.now();
  const verdict = await verifier.verify(req.headers.authorization);
  if (!verdict.ok) {
    // debug: a flood of forged requests must not flood the logs too. The reason never holds the token.
    logger.debug(`refused a request to ${GOOGLE_CHAT_EVENTS_PATH}: ${verdict.reason}`);
    return verdict.status === 401
      ? refuseRequest(res, 401, 'not a verified Google Chat request', { 'www-authenticate': 'Bearer' })
      : refuseRequest(res, 503, 'cannot verify requests right now; try again');
  }
  let body: unknown;
  try {
    body = await readJsonBody(req, { limitBytes: limits.bodyLimitBytes, timeoutMs: limits.bodyTimeoutMs });
  } catch (err) {
    if (!(err instanceof JsonBodyRefused)) throw err;
    logger.debug(`refused a request to ${GOOGLE_CHAT_EVENTS_PATH}: ${err.message}`);
    return refuseRequest(res, err.status, err.message);
  }
  const answer = await handleChatEvent(body, deps, { startedAt });
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(answer ?? {}));
}
