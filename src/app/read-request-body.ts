import type { IncomingMessage } from 'node:http';
import { HTTPModuleFunctions } from '@slack/bolt';

/** A request with its body read (Bolt reuses `rawBody` instead of reading the stream again). */
export type BufferedRequest = Parameters<typeof HTTPModuleFunctions.parseHTTPRequestBody>[0];

/** Why a body was not read: the status to answer with and a one-line reason. */
export class BodyRefused extends Error {
  constructor(
    readonly status: 400 | 408 | 413,
    reason: string,
  ) {
    super(reason);
    this.name = 'BodyRefused';
  }
}

/**
 * Reads the body with Bolt's reader (raw-body), within `limitBytes` and `timeoutMs`. A declared
 * Content-Length over the limit is refused before a byte is read; a body that grows past it (chunked)
 * as soon as it does; a body still arriving after `timeoutMs` (a slow-loris) is refused then, and
 * the caller's answer closes the connection, which ends the read and frees what it held.
 */
export function readRequestBody(
  req: IncomingMessage,
  { limitBytes, timeoutMs }: { limitBytes: number; timeoutMs: number },
): Promise<BufferedRequest> {
  if (Number(req.headers['content-length']) > limitBytes) {
    return Promise.reject(new BodyRefused(413, 'request body too large'));
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new BodyRefused(408, 'request body too slow')), timeoutMs);
    HTTPModuleFunctions.bufferIncomingMessage(req, limitBytes).then(
      (buffered) => {
        clearTimeout(timer);
        resolve(buffered);
      },
      (err: unknown) => {
        clearTimeout(timer);
        const tooLarge = HTTPModuleFunctions.isRawBodyError(err) && (err as { statusCode: number }).statusCode === 413;
        reject(tooLarge ? new BodyRefused(413, 'request body too large') : new BodyRefused(400, 'unreadable body'));
      },
    );
  });
}
