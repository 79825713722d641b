import type { IncomingMessage } from 'node:http';
import { HTTPModuleFunctions } from '@slack/bolt';
import type { UnverifiedBytes } from '../../../src/app/unverified-bytes';

/** A request with its body read (Bolt reuses `rawBody` instead of reading the stream again). */
export type BufferedRequest = Parameters<typeof HTTPModuleFunctions.parseHTTPRequestBody>[0];

/** Why a body was not read: the status to answer with and a one-line reason. */
export class BodyRefused extends Error {
  constructor(
    readonly status: 400 | 408 | 413 | 503,
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
 * the caller's answer closes the connection, which ends the read and frees what it held. Every byte
 * read counts against `unverified` until the read ends; a byte past its budget refuses the request (503).
 */
export function readRequestBody(
  req: IncomingMessage,
  { limitBytes, timeoutMs, unverified }: { limitBytes: number; timeoutMs: number; unverified: UnverifiedBytes },
): Promise<BufferedRequest> {
  if (Number(req.headers['content-length']) > limitBytes) {
    return Promise.reject(new BodyRefused(413, 'request body too large'));
  }
  return new Promise((resolve, reject) => {
    let counted = 0;
    const done = () => {
      clearTimeout(timer);
      req.off('data', count);
      unverified.release(counted);
      counted = 0;
    };
    const count = (chunk: Buffer) => {
      if (unverified.take(chunk.length)) counted += chunk.length;
      else {
        done();
        reject(new BodyRefused(503, 'too many unverified request bodies in flight'));
      }
    };
    const timer = setTimeout(() => {
      done();
      reject(new BodyRefused(408, 'request body too slow'));
    }, timeoutMs);
    const reading = HTTPModuleFunctions.bufferIncomingMessage(req, limitBytes);
    // After the reader's own listener (attached synchronously above), so it misses no chunk.
    req.on('data', count);
    reading.then(
      (buffered) => {
        done();
        resolve(buffered);
      },
      (err: unknown) => {
        done();
        const tooLarge = HTTPModuleFunctions.isRawBodyError(err) && (err as { statusCode: number }).statusCode === 413;
        reject(tooLarge ? new BodyRefused(413, 'request body too large') : new BodyRefused(400, 'unreadable body'));
      },
    );
  });
}
