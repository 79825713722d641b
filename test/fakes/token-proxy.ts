/**
 * A fake of Artifact Registry's auth in front of the real test registry: anonymous requests get a
 * 401 with a Bearer (or Basic) challenge, `/v2/token` hands out tokens for Basic
 * `oauth2accesstoken:<password>`, and blob downloads are redirected to a second "storage" origin
 * that rejects any Authorization header (like a signed storage URL).
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';

/** A token request as the proxy saw it. */
export interface TokenRequest {
  authorization?: string;
  service: string | null;
  scope: string | null;
}

/** A running proxy. */
export interface TokenProxy {
  /** `http://127.0.0.1:PORT`, to use as the registry base URL. */
  url: string;
  /** `127.0.0.1:PORT` of the storage origin blobs are redirected to: it must be on the allow-list. */
  storageHost: string;
  tokenRequests: TokenRequest[];
  /** Requests the storage origin received with an Authorization header (must stay 0). */
  storageRequestsWithAuth: number;
  /** Blob downloads served through the storage redirect. */
  storageDownloads: number;
  stop(): Promise<void>;
}

export interface TokenProxyOptions {
  /** `bearer` (token flow, default) or `basic` (credentials on every request). */
  scheme?: 'bearer' | 'basic';
  /** The access token the proxy accepts; default `test-token`. */
  password?: string;
  /** Grant tokens but answer 403 on every resource, as Artifact Registry does for a caller without the role. */
  denyPull?: boolean;
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
  );
}

function close(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function forward(upstream: URL, path: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  const headers = { ...req.headers };
  delete headers.authorization;
  delete headers.host;
  const out = http.request(
    { host: upstream.hostname, port: upstream.port, method: req.method, path, headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  out.on('error', () => {
    res.writeHead(502);
    res.end();
  });
  req.pipe(out);
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Starts the proxy in front of `registryUrl` (and its storage origin), both on loopback. */
export async function startTokenProxy(registryUrl: string, options: TokenProxyOptions = {}): Promise<TokenProxy> {
  const upstream = new URL(registryUrl);
  const expectedBasic = `Basic ${Buffer.from(`oauth2accesstoken:${options.password ?? 'test-token'}`).toString('base64')}`;
  const issued = new Set<string>();
  const state = { tokenRequests: [] as TokenRequest[], storageRequestsWithAuth: 0, storageDownloads: 0 };

  const storage = http.createServer((req, res) => {
    if (req.headers.authorization) {
      state.storageRequestsWithAuth++;
      json(res, 400, { error: 'a signed URL must not carry an Authorization header' });
      return;
    }
    const m = /^\/storage(\/v2\/.+\/blobs\/sha256:[a-f0-9]{64})$/.exec(req.url ?? '');
    if (!m) return json(res, 404, { error: 'no such object' });
    state.storageDownloads++;
    forward(upstream, m[1]!, req, res);
  });
  const storagePort = await listen(storage);

  const proxy = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const self = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;

    if (url.pathname === '/v2/token') {
      state.tokenRequests.push({
        authorization: req.headers.authorization,
        service: url.searchParams.get('service'),
        scope: url.searchParams.get('scope'),
      });
      if (req.headers.authorization !== expectedBasic) {
        return json(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'invalid credentials' }] });
      }
      const token = `tok-${randomUUID()}`;
      issued.add(token);
      return json(res, 200, { token, expires_in: 300 });
    }

    const auth = req.headers.authorization ?? '';
    const allowed =
      options.scheme === 'basic' ? auth === expectedBasic : auth.startsWith('Bearer ') && issued.has(auth.slice(7));
    if (!allowed) {
      const name = /^\/v2\/(.+)\/(?:manifests|blobs)\//.exec(url.pathname)?.[1] ?? '';
      const challenge =
        options.scheme === 'basic'
          ? 'Basic realm="test registry"'
          : `Bearer realm="${self}/v2/token",service="${upstream.host}",scope="repository:${name}:pull"`;
      return json(
        res,
        401,
        { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] },
        {
          'www-authenticate': challenge,
        },
      );
    }
    if (options.denyPull) {
      return json(res, 403, {
        errors: [
          {
            code: 'DENIED',
            message: 'Permission "artifactregistry.repositories.downloadArtifacts" denied on resource',
          },
        ],
      });
    }
    if (req.method === 'GET' && /\/blobs\/sha256:[a-f0-9]{64}$/.test(url.pathname)) {
      res.writeHead(307, { location: `http://127.0.0.1:${storagePort}/storage${url.pathname}` });
      return res.end();
    }
    forward(upstream, req.url ?? '/', req, res);
  });
  const port = await listen(proxy);

  return {
    url: `http://127.0.0.1:${port}`,
    storageHost: `127.0.0.1:${storagePort}`,
    get tokenRequests() {
      return state.tokenRequests;
    },
    get storageRequestsWithAuth() {
      return state.storageRequestsWithAuth;
    },
    get storageDownloads() {
      return state.storageDownloads;
    },
    async stop() {
      await Promise.all([close(proxy), close(storage)]);
    },
  };
}
