/**
 * Scaffolding shared by the Google API fakes: a loopback HTTP server that hands each request
 * (body read, JSON parsed) to a handler, Google's error JSON, and the one bearer token they accept.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';

/** The bearer token the Google fakes accept. */
export const FAKE_TOKEN = 'test-token';

/** A request as the handler sees it. */
export interface FakeRequest {
  method: string;
  /** The decoded path, without the query. */
  path: string;
  query: URLSearchParams;
  /** The parsed JSON body (the raw text when it is not JSON); undefined when empty. */
  body?: unknown;
  /** True when the request carried `Authorization: Bearer FAKE_TOKEN`. */
  authorized: boolean;
  /** Closes the socket without an answer (a dropped connection). */
  drop(): void;
}

/** A running loopback server. */
export interface HttpFake {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  close(): Promise<void>;
}

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** Starts a server on a free loopback port; the handler answers through `res`. */
export async function startHttpFake(handle: (req: FakeRequest, res: http.ServerResponse) => void): Promise<HttpFake> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const raw = Buffer.concat(chunks).toString('utf8');
      handle(
        {
          method: req.method ?? 'GET',
          path: decodeURIComponent(url.pathname),
          query: url.searchParams,
          ...(raw ? { body: safeJson(raw) } : {}),
          authorized: req.headers.authorization === `Bearer ${FAKE_TOKEN}`,
          drop: () => void req.socket.destroy(),
        },
        res,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive sockets of the client would otherwise hold close() open.
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** Answers 200 with a JSON body. */
export function sendJson(res: http.ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify(body));
}

/**
 * Google's error body: {"error":{"code":403,"message":"...","status":"PERMISSION_DENIED"}};
 * `status` overrides the name derived from the code (400 is also FAILED_PRECONDITION).
 */
export function sendError(res: http.ServerResponse, code: number, message: string, status?: string): void {
  res.writeHead(code, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify({ error: { code, message, status: status ?? STATUS_NAMES[code] ?? 'UNKNOWN' } }));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
