import type { IncomingMessage } from 'node:http';

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

/** What one playground request may send: a command line or a click is a few hundred bytes. */
export const WEB_BODY_LIMITS = { limitBytes: 16 * 1024, timeoutMs: 5_000 };

/**
 * Reads a JSON body within `limitBytes` and `timeoutMs`: a declared Content-Length over the limit
 * is refused unread, a body that grows past it as soon as it does, one still arriving after the
 * deadline then. (No adapter imports another: Google Chat's reader is its own, this one the web's.)
 */
export function readJsonBody(req: IncomingMessage, { limitBytes, timeoutMs } = WEB_BODY_LIMITS): Promise<unknown> {
  if (Number(req.headers['content-length']) > limitBytes) {
    return Promise.reject(new BodyRefused(413, 'request body too large'));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (outcome: () => void) => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onError);
      // Nothing more is wanted of the stream: what still arrives is dropped, not buffered.
      req.resume();
      outcome();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) finish(() => reject(new BodyRefused(413, 'request body too large')));
      else chunks.push(chunk);
    };
    const onEnd = () =>
      finish(() => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          reject(new BodyRefused(400, 'the body is not JSON'));
        }
      });
    const onError = () => finish(() => reject(new BodyRefused(400, 'unreadable body')));
    const timer = setTimeout(() => finish(() => reject(new BodyRefused(408, 'request body too slow'))), timeoutMs);
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}
