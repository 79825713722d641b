import type { IncomingMessage } from 'node:http';

/** Why a body was not read: the status to answer with and a one-line reason. */
export class JsonBodyRefused extends Error {
  constructor(
    readonly status: 400 | 408 | 413,
    reason: string,
  ) {
    super(reason);
    this.name = 'JsonBodyRefused';
  }
}

/**
 * Reads a JSON body within `limitBytes` and `timeoutMs` (the same HttpLimits as Slack's endpoint): a
 * declared Content-Length over the limit is refused unread, a body that grows past it as soon as it
 * does, one still arriving after the deadline then. The caller's answer closes the connection.
 * Shared by the front doors that take JSON without Bolt (Google Chat's events, the playground's web
 * chat); Slack's reader is Bolt's, and only the Slack adapter may import Bolt.
 */
export function readJsonBody(
  req: IncomingMessage,
  { limitBytes, timeoutMs }: { limitBytes: number; timeoutMs: number },
): Promise<unknown> {
  if (Number(req.headers['content-length']) > limitBytes) {
    return Promise.reject(new JsonBodyRefused(413, 'request body too large'));
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
      if (size > limitBytes) finish(() => reject(new JsonBodyRefused(413, 'request body too large')));
      else chunks.push(chunk);
    };
    const onEnd = () =>
      finish(() => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          reject(new JsonBodyRefused(400, 'the body is not JSON'));
        }
      });
    const onError = () => finish(() => reject(new JsonBodyRefused(400, 'unreadable body')));
    const timer = setTimeout(() => finish(() => reject(new JsonBodyRefused(408, 'request body too slow'))), timeoutMs);
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}
