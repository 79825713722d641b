import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions, HTTPReceiver, type HTTPReceiverOptions, type Logger } from '@slack/bolt';
import type { HttpLimits } from '../../../src/app/http-limits';
import type { OpsRoute } from '../../../src/app/ops-routes';
import { serveOps } from '../../../src/app/ops-router';
import { BodyRefused, type BufferedRequest, readRequestBody } from './read-request-body';
import { refuseRequest } from '../../../src/app/refuse-request';
import { requestPath } from '../../../src/app/request-path';
import { slackHeadersProblem } from './slack-request-headers';
import { UnverifiedBytes } from '../../../src/app/unverified-bytes';

/** Where Slack posts commands, interactions and events (Bolt's default endpoint). */
export const SLACK_EVENTS_PATH = '/slack/events';

export interface HttpReceiverOptions extends Omit<HTTPReceiverOptions, 'customRoutes' | 'endpoints' | 'bodyLimit'> {
  logger: Logger;
  /** Served beside the Slack endpoint (the probes, /metrics). */
  opsRoutes: OpsRoute[];
  limits: HttpLimits;
}

/**
 * Bolt's HTTP receiver behind a front door of our own, which routes every request before Bolt sees
 * one: POST /slack/events goes to Bolt, the ops routes to their handlers, anything else is a 404.
 * Bolt's own router is never asked about another path: for a POST it does not know it throws, and
 * once its body had been read (a promise's callback) that throw was an unhandled rejection that
 * stopped the process (found by an attack: one `curl -X POST http://BOT/anything`).
 *
 * A Slack request is refused before its body is read when it cannot be from Slack: no signature
 * headers, or a timestamp outside the 5-minute window (either way: Bolt accepts future ones), or a
 * declared body over the limit; a body slower than the body deadline is cut, and one whose bytes
 * would take the unverified bodies in flight past their budget is refused (see http-limits.ts).
 * Found by the same attack: 150 stalled unsigned 4 MB requests held 600 MB for the 300 s of Node's
 * request timeout.
 *
 * Also hardened against malformed bodies (found by test/faults/fuzz.test.ts):
 * - a body whose payload parses to something other than an object (`payload=null`) makes Bolt 5.1
 *   read `null.ssl_check` in a promise nobody awaits: the request hangs and Node exits on the
 *   unhandled rejection. Such bodies get a 400 before Bolt sees them.
 * - a body Bolt cannot turn into an event (a block_actions without `user`) makes Bolt throw from
 *   processEvent, which its default handler answers with 500. That is the sender's fault: 400.
 */
export function createHttpReceiver(options: HttpReceiverOptions): HTTPReceiver {
  const { logger, opsRoutes, limits, ...boltOptions } = options;
  const receiver = new HTTPReceiver({
    ...boltOptions,
    logger,
    bodyLimit: limits.bodyLimitBytes,
    endpoints: [SLACK_EVENTS_PATH],
    processEventErrorHandler: async ({ error, response }) => {
      logger.warn(`malformed Slack request: ${error.message}`);
      if (!response.headersSent) HTTPModuleFunctions.buildNoBodyResponse(response, 400);
      // false: Bolt must not ack (answer) it a second time.
      return false;
    },
  });
  const bolt = receiver.requestListener;
  const unverified = new UnverifiedBytes(limits.unverifiedBytesBudget);
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    const path = requestPath(req.url);
    if (path !== SLACK_EVENTS_PATH) return serveOps(opsRoutes, path, req, res);
    if (req.method !== 'POST') return refuseRequest(res, 405, 'method not allowed', { allow: 'POST' });
    // Whatever goes wrong past this point is answered here: nothing may reject unobserved.
    slackRequest(req, res).catch((err: unknown) => {
      logger.error(`error while receiving a Slack request: ${err instanceof Error ? err.message : String(err)}`);
      refuseRequest(res, 500, 'internal error');
    });
  };

  async function slackRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const problem = slackHeadersProblem(req.headers, Date.now());
    if (problem) {
      // debug: a flood of these must not flood the logs too.
      logger.debug(`refused a request to ${SLACK_EVENTS_PATH}: ${problem}`);
      return refuseRequest(res, 401, 'not a signed Slack request');
    }
    let buffered: BufferedRequest;
    try {
      buffered = await readRequestBody(req, {
        limitBytes: limits.bodyLimitBytes,
        timeoutMs: limits.bodyTimeoutMs,
        unverified,
      });
    } catch (err) {
      if (!(err instanceof BodyRefused)) throw err;
      logger.debug(`refused a request to ${SLACK_EVENTS_PATH}: ${err.message}`);
      return refuseRequest(res, err.status, err.message);
    }
    if (parsesToNonObject(buffered)) {
      logger.warn('malformed Slack request: the body is not an object');
      return HTTPModuleFunctions.buildNoBodyResponse(res, 400);
    }
    // Bolt reuses the buffered body (rawBody) and checks the signature as usual.
    bolt(buffered, res);
  }
  return receiver;
}

/** True when the body parses (as Bolt parses it) to null, a number, a string or an array. */
function parsesToNonObject(req: BufferedRequest): boolean {
  // Only a `payload` field (interactivity) or a JSON body (events) can parse to a non-object; a
  // slash command's plain form needs no second parse on the hot path.
  const raw = req.rawBody.toString();
  if (!raw.includes('payload=') && !/^\s*[[\dn"-]/.test(raw)) return false;
  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(req);
  } catch {
    // Unparsable: Bolt answers it (401 unsigned, 400 malformed).
    return false;
  }
  return typeof body !== 'object' || body === null || Array.isArray(body);
}
