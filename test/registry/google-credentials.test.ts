import http from 'node:http';
import { parseImageRef } from '../../src/images/image-ref';
import { fetchImageManifest } from '../../src/registry/fetch-image-manifest';
import { RegistryHosts } from '../../src/registry/registry-hosts';
import { RegistryStub, startRegistryStub } from '../support/registry-stub';

// The bot's Google access token goes only to Google's Docker registry hosts (`LOCATION-docker.pkg.dev`,
// `gcr.io`, `*.gcr.io`): not to any `*.pkg.dev` name, which may be another format's endpoint
// (`us-python.pkg.dev`) or no registry at all, even when the operator allowed that host to be read.

const TOKEN = 'google-access-token';
const BASIC = `Basic ${Buffer.from(`oauth2accesstoken:${TOKEN}`).toString('base64')}`;

/** Authorization headers seen, by the https host the bot thought it was talking to. */
const seen: Array<{ host: string; path: string; authorization: string | undefined }> = [];
let stub: RegistryStub;
/** What each faked host answers. */
let answer: (host: string, req: http.IncomingMessage, res: http.ServerResponse) => void;

beforeAll(async () => {
  stub = await startRegistryStub((req, res) => {
    const host = String(req.headers['x-faked-host']);
    seen.push({ host, path: req.url ?? '', authorization: req.headers.authorization });
    answer(host, req, res);
  });
});
afterAll(() => stub.stop());
beforeEach(() => {
  seen.length = 0;
});

// Every https://HOST is served by the loopback stub, which learns HOST from a header.
const viaStub: typeof fetch = (input, init) => {
  const url = new URL(String(input));
  const headers = new Headers(init?.headers);
  headers.set('x-faked-host', url.host);
  return fetch(`${stub.url}${url.pathname}${url.search}`, { ...init, headers });
};

const notFound = (res: http.ServerResponse) => {
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}');
};

/** Reads `image` with the Google token at hand; `allow` is added to the allow-list. */
async function read(image: string, allow: string[] = []): Promise<void> {
  await fetchImageManifest(parseImageRef(image), {
    hosts: RegistryHosts.of(allow),
    fetch: viaStub,
    accessToken: async () => TOKEN,
  }).catch(() => undefined);
}

describe('a registry answering with a Basic challenge', () => {
  beforeEach(() => {
    answer = (_host, req, res) => {
      if (req.headers.authorization) return notFound(res);
      res.writeHead(401, { 'www-authenticate': 'Basic realm="registry"' });
      res.end();
    };
  });

  it.each(['us-python.pkg.dev', 'evil.pkg.dev', 'us-docker.pkg.dev.evil.example'])(
    'never gets the token on %s, even when allowed',
    async (host) => {
      await read(`${host}/acme/repo/app:v1`, [host]);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.map((s) => s.authorization)).toEqual(seen.map(() => undefined));
    },
  );

  it.each(['us-east1-docker.pkg.dev', 'gcr.io', 'eu.gcr.io'])('gets the token on %s', async (host) => {
    await read(`${host}/acme/repo/app:v1`);
    expect(seen.map((s) => s.authorization)).toEqual([undefined, BASIC]);
  });
});

describe('the token realm an Artifact Registry host names', () => {
  const realmAt = (realmHost: string) => (host: string, req: http.IncomingMessage, res: http.ServerResponse) => {
    if (host === realmHost) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{"token":"registry-token"}');
    }
    if (req.headers.authorization === 'Bearer registry-token') return notFound(res);
    res.writeHead(401, { 'www-authenticate': `Bearer realm="https://${realmHost}/v2/token",service="${host}"` });
    res.end();
  };

  it.each(['us-python.pkg.dev', 'evil.pkg.dev'])('on %s gets no token, even when allowed', async (realmHost) => {
    answer = realmAt(realmHost);
    await read('us-east1-docker.pkg.dev/acme/repo/app:v1', [realmHost]);
    const toRealm = seen.filter((s) => s.host === realmHost);
    expect(toRealm).toHaveLength(1);
    expect(toRealm[0]!.authorization).toBeUndefined();
  });

  it('on another Artifact Registry Docker host gets the token', async () => {
    answer = realmAt('us-docker.pkg.dev');
    await read('us-east1-docker.pkg.dev/acme/repo/app:v1');
    const toRealm = seen.filter((s) => s.host === 'us-docker.pkg.dev');
    expect(toRealm.map((s) => s.authorization)).toEqual([BASIC]);
  });
});
