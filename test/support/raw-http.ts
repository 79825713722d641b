/**
 * HTTP/1.1 over a bare socket, for requests no HTTP client would send: any method token, any
 * request target, a Content-Length the body does not meet, headers sent before a stall.
 */
import net from 'node:net';

/** What came back: the status (undefined when the server closed without answering) and the raw head. */
export interface RawAnswer {
  status?: number;
  head: string;
}

/** The request's head: request line, Host, Connection: close, then `headers`, then the blank line. */
export function requestHead(method: string, target: string, headers: Record<string, string | number> = {}): string {
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`);
  return `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${lines.join('')}\r\n`;
}

/**
 * Writes `head` and `body` (raw bytes: the body may be shorter than its Content-Length, then the
 * client stalls) and resolves with what the server sent once it closed the connection. Rejects when
 * the connection cannot be made, or when the server neither answers nor closes within `timeoutMs`.
 * `signal` lets a test close a request it holds open on purpose.
 */
export function rawRequest(
  port: number,
  head: string,
  body: Uint8Array = new Uint8Array(),
  timeoutMs = 10_000,
  signal?: AbortSignal,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    // Aborting closes the socket: the request resolves with whatever the server had sent.
    signal?.addEventListener('abort', () => socket.destroy());
    const chunks: Buffer[] = [];
    let connected = false;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer and no close within ${timeoutMs} ms to ${JSON.stringify(head.split('\r\n')[0])}`));
    }, timeoutMs);
    socket.on('connect', () => {
      connected = true;
      socket.write(head, 'latin1');
      if (body.length > 0) socket.write(body);
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A reset after the answer (the server closed while the client was still writing) is no failure.
    socket.on('error', (err) => {
      if (!connected) {
        clearTimeout(timer);
        reject(err);
      }
    });
    socket.on('close', () => {
      clearTimeout(timer);
      if (!connected) return;
      const text = Buffer.concat(chunks).toString('latin1');
      const head = text.split('\r\n\r\n')[0] ?? '';
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      resolve({ status: m ? Number(m[1]) : undefined, head });
    });
  });
}
