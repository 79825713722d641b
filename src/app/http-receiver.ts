import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions, HTTPReceiver, type HTTPReceiverOptions, type Logger } from '@slack/bolt';

/**
 * Bolt's HTTP receiver, hardened against malformed bodies (found by test/faults/fuzz.test.ts):
 * - a body whose payload parses to something other than an object (`payload=null`) makes Bolt 5.1
 *   read `null.ssl_check` in a promise nobody awaits: the request hangs and Node exits on the
 *   unhandled rejection. Such bodies get a 400 before Bolt sees them.
 * - a body Bolt cannot turn into an event (a block_actions without `user`) makes Bolt throw from
 *   processEvent, which its default handler answers with 500. That is the sender's fault: 400.
 */
export function createHttpReceiver(options: HTTPReceiverOptions & { logger: Logger }): HTTPReceiver {
  const { logger } = options;
  const receiver = new HTTPReceiver({
    ...options,
    processEventErrorHandler: async ({ error, response }) => {
      logger.warn(`malformed Slack request: ${error.message}`);
      if (!response.headersSent) HTTPModuleFunctions.buildNoBodyResponse(response, 400);
      // false: Bolt must not ack (answer) it a second time.
      return false;
    },
  });
  const inner = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') return inner(req, res);
    HTTPModuleFunctions.bufferIncomingMessage(req, options.bodyLimit ?? HTTPModuleFunctions.defaultBodyLimit).then(
      (buffered) => {
        if (parsesToNonObject(buffered)) {
          logger.warn('malformed Slack request: the body is not an object');
          return HTTPModuleFunctions.buildNoBodyResponse(res, 400);
        }
        // Bolt reuses the buffered body (rawBody) and checks the signature as usual.
        return inner(buffered, res);
      },
      (err: unknown) => {
        const tooLarge = HTTPModuleFunctions.isRawBodyError(err) && (err as { statusCode: number }).statusCode === 413;
        HTTPModuleFunctions.buildNoBodyResponse(res, tooLarge ? 413 : 400);
      },
    );
  };
  return receiver;
}

/** True when the body parses (as Bolt parses it) to null, a number, a string or an array. */
function parsesToNonObject(req: Parameters<typeof HTTPModuleFunctions.parseHTTPRequestBody>[0]): boolean {
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
