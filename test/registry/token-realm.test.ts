import http from 'node:http';
import net from 'node:net';
import { parseImageRef } from '../../src/images/image-ref';
import { fetchImageManifest } from '../../src/registry/fetch-image-manifest';
import { RegistryHosts } from '../../src/registry/registry-hosts';
import { REGISTRY_UNREACHABLE, RegistryUnreachableError } from '../../src/registry/registry-unreachable';
import { RegistryStub, startRegistryStub } from '../support/registry-stub';

// A registry the operator allowed still chooses where its token service is and where it redirects:
// neither may send the bot to a host off the allow-list (an internal admin endpoint, the metadata
// server), and whatever such a place would answer must never come back to the registry as a token.

const stubs: RegistryStub[] = [];
let internal: RegistryStub;
const internalRequests: string[] = [];
/** Authorization headers the attacker's registry received. */
const seenByRegistry: Array<string | undefined> = [];

beforeAll(async () => {
  // An internal service on this machine that would hand out a token to anyone who asks.
  internal = await startRegistryStub((req, res) => {
    internalRequests.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ token: 'internal-admin-token' }));
  });
  stubs.push(internal);
});
afterAll(async () => {
  await Promise.all(stubs.map((s) => s.stop()));
});
beforeEach(() => {
  internalRequests.length = 0;
  seenByRegistry.length = 0;
});
afterEach(() => jest.restoreAllMocks());

/** A registry that answers every request with `answer` and records the Authorization it got. */
async function registry(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<RegistryStub> {
  const stub = await startRegistryStub((req, res) => {
    seenByRegistry.push(req.headers.authorization);
    answer(req, res);
  });
  stubs.push(stub);
  return stub;
}

const challenge = (realm: string) => (_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(401, { 'www-authenticate': `Bearer realm="${realm}",service="registry"` });
  res.end();
};

/** Reads an image from `stub` with a Google access token at hand; returns what it threw. */
function attempt(stub: RegistryStub): Promise<unknown> {
  return fetchImageManifest(parseImageRef(`${stub.host}/acme/app:v1`), {
    baseUrl: stub.url,
    accessToken: async () => 'google-access-token',
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
}

/** What the user sees of a refusal is the one sentence; the detail (for the log) is returned. */
function refused(err: unknown): string {
  expect(err).toBeInstanceOf(RegistryUnreachableError);
  expect((err as Error).message).toBe(REGISTRY_UNREACHABLE);
  return (err as RegistryUnreachableError).detail;
}

describe('the token realm a registry names', () => {
  it('is never requested on a host off the allow-list, and no token reaches the registry', async () => {
    const stub = await registry(challenge(`${internal.url}/internal/admin/token?x=1`));
    const err = await attempt(stub);
    expect(internalRequests).toEqual([]);
    expect(seenByRegistry).toEqual([undefined]);
    expect(refused(err)).toBe(`token service ${internal.host} is not on the registry allow-list`);
  });

  it('is never requested at the metadata server: no connection is even opened', async () => {
    const stub = await registry(
      challenge('http://169.254.169.254/computeMetadata/v1/instance/service-accounts/default/token'),
    );
    const connects = jest.spyOn(net.Socket.prototype, 'connect');
    const err = await attempt(stub);
    // One connection: the registry's own.
    expect(connects).toHaveBeenCalledTimes(1);
    expect(seenByRegistry).toEqual([undefined]);
    expect(refused(err)).toBe('token service 169.254.169.254 is not on the registry allow-list');
  });

  it('must be https for an https registry, even on an allowed host', async () => {
    // The registry is https://registry.example.com (allowed by config); `fetch` routes it to a stub
    // and records every URL, so the realm's plain-http URL is seen if it is ever asked for.
    const requested: string[] = [];
    const stub = await registry(challenge('http://registry.example.com/token'));
    const viaStub: typeof fetch = (input, init) => {
      requested.push(String(input));
      return fetch(String(input).replace(/^https?:\/\/[^/]+/, stub.url), init);
    };
    const err = await fetchImageManifest(parseImageRef('registry.example.com/acme/app:v1'), {
      hosts: RegistryHosts.of(['registry.example.com', 'registry.example.com:80']),
      fetch: viaStub,
      accessToken: async () => 'google-access-token',
    }).catch((e: unknown) => e);
    expect(requested).toEqual(['https://registry.example.com/v2/acme/app/manifests/v1']);
    expect(refused(err)).toBe(
      'registry registry.example.com named a token realm that is not https: http://registry.example.com',
    );
  });

  it('is used when the operator allowed its host (a mirror with its own token service)', async () => {
    const stub = await registry((req, res) => {
      if (req.headers.authorization !== 'Bearer internal-admin-token')
        return challenge(`${internal.url}/token`)(req, res);
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}');
    });
    const err = await fetchImageManifest(parseImageRef(`${stub.host}/acme/app:v1`), {
      baseUrl: stub.url,
      hosts: RegistryHosts.of([internal.host], stub.url),
    }).catch((e: unknown) => e);
    // An allowed registry's own answers keep their words.
    expect(err).toMatchObject({
      status: 404,
      message: `image ${stub.host}/acme/app:v1 not found in registry ${stub.host}`,
    });
    expect(internalRequests).toHaveLength(1);
  });
});

describe('redirects', () => {
  it('are not followed off the allow-list', async () => {
    const stub = await registry((_req, res) => {
      res.writeHead(302, { location: `${internal.url}/internal/admin` });
      res.end();
    });
    const err = await attempt(stub);
    expect(internalRequests).toEqual([]);
    expect(refused(err)).toBe(
      `registry ${internal.host} (a redirect from ${stub.host}) is not on the registry allow-list`,
    );
  });

  it('are not followed to the metadata server, and no connection is opened for it', async () => {
    const stub = await registry((_req, res) => {
      res.writeHead(307, { location: 'http://metadata.google.internal/computeMetadata/v1/' });
      res.end();
    });
    const connects = jest.spyOn(net.Socket.prototype, 'connect');
    const err = await attempt(stub);
    expect(connects).toHaveBeenCalledTimes(1);
    expect(refused(err)).toBe(
      `registry metadata.google.internal (a redirect from ${stub.host}) is not on the registry allow-list`,
    );
  });
});
