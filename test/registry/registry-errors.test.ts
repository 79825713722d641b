import http from 'node:http';
import { createHash } from 'node:crypto';
import { RemoteError } from '../../src/errors';
import { parseImageRef } from '../../src/images/image-ref';
import { createManifestFetcher, fetchImageManifest } from '../../src/registry/fetch-image-manifest';
import { RegistryHosts } from '../../src/registry/registry-hosts';
import { REGISTRY_UNREACHABLE, RegistryUnreachableError } from '../../src/registry/registry-unreachable';
import { startRegistryStub, RegistryStub } from '../support/registry-stub';
import { freePort } from '../support/free-port';

// Answers a real registry never gives, from a scripted peer: every one must become a RemoteError
// that says what was wrong, never a raw stack or a crash.

const sha256 = (b: string | Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const LAYER = `sha256:${'1'.repeat(64)}`;
const DIFF_ID = `sha256:${'2'.repeat(64)}`;
const CONFIG = JSON.stringify({ rootfs: { type: 'layers', diff_ids: [DIFF_ID] } });
const manifestFor = (config: string) =>
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(config), size: config.length },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: LAYER, size: 10 }],
  });

const stubs: RegistryStub[] = [];
afterAll(async () => {
  await Promise.all(stubs.map((s) => s.stop()));
});

/** A registry whose manifest is `manifest` and whose only blob is `blob`, both as given. */
async function serving(manifest: string | Buffer, blob: string = CONFIG, manifestStatus = 200): Promise<RegistryStub> {
  const stub = await startRegistryStub((req, res) => {
    if (req.url?.includes('/manifests/')) {
      res.writeHead(manifestStatus, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' });
      res.end(manifest);
    } else {
      res.writeHead(200);
      res.end(blob);
    }
  });
  stubs.push(stub);
  return stub;
}

async function failure(
  stub: { url: string; host: string },
  options: { timeoutMs?: number } = {},
): Promise<RemoteError> {
  const err = await fetchImageManifest(parseImageRef(`${stub.host}/acme/app:v1`), {
    baseUrl: stub.url,
    ...options,
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RemoteError);
  return err as RemoteError;
}

describe('fetchImageManifest on a misbehaving registry', () => {
  it('accepts the well-formed answer of the stub (the baseline the other cases break)', async () => {
    const stub = await serving(manifestFor(CONFIG));
    const facts = await fetchImageManifest(parseImageRef(`${stub.host}/acme/app:v1`), { baseUrl: stub.url });
    expect(facts).toMatchObject({ layers: [LAYER], diffIds: [DIFF_ID] });
  });

  it('reports a manifest that is not JSON', async () => {
    const err = await failure(await serving('<html>oops</html>'));
    expect(err.message).toMatch(/^the registry's manifest of .*acme\/app:v1 is not JSON: /);
  });

  it('reports a manifest with the wrong shape, naming the field', async () => {
    const err = await failure(await serving(JSON.stringify({ schemaVersion: 2, config: {}, layers: 'none' })));
    expect(err.message).toMatch(/is not a valid image manifest: .*config\.digest/);
    expect(err.message).toMatch(/\(and 1 more\)$/);
  });

  it('rejects a config blob whose bytes do not match its digest', async () => {
    const err = await failure(await serving(manifestFor(CONFIG), CONFIG.replace('layers', 'layerz')));
    expect(err.message).toMatch(/config blob sha256:[a-f0-9]{64} of .* does not match its digest/);
  });

  it('reports a config without rootfs.diff_ids', async () => {
    const config = JSON.stringify({ architecture: 'amd64' });
    const err = await failure(await serving(manifestFor(config), config));
    expect(err.message).toMatch(/config blob .* is not a valid image config: rootfs/);
  });

  it('passes the status and the registry message of a server error on', async () => {
    const body = JSON.stringify({ errors: [{ code: 'UNKNOWN', message: 'backend\nunavailable' }] });
    const err = await failure(await serving(body, CONFIG, 503));
    expect(err.status).toBe(503);
    expect(err.message).toMatch(/answered HTTP 503 for image .*: backend unavailable$/);
  });

  it('refuses a manifest larger than 4 MiB', async () => {
    const err = await failure(await serving(Buffer.alloc(5 * 1024 * 1024, 0x20)));
    expect(err.message).toMatch(/larger than 4194304 bytes/);
  });

  // Silence and a refused connection read the same to the user (no port scan through the bot);
  // the detail, for the log, names the host and what happened.
  it('gives up on a registry that does not answer, naming the host in the detail only', async () => {
    const stub = await startRegistryStub(() => undefined);
    stubs.push(stub);
    const err = await failure(stub, { timeoutMs: 200 });
    expect(err.message).toBe(REGISTRY_UNREACHABLE);
    expect((err as RegistryUnreachableError).detail).toBe(`registry ${stub.host} did not answer within 0.2 s`);
  });

  it('names the host it cannot reach in the detail only', async () => {
    const port = await freePort();
    const err = await failure({ url: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}` });
    expect(err.message).toBe(REGISTRY_UNREACHABLE);
    expect((err as RegistryUnreachableError).detail).toBe(`cannot reach registry 127.0.0.1:${port}: ECONNREFUSED`);
  });

  it('renews a cached token the registry stops accepting, once', async () => {
    // Artifact Registry's challenge has no service parameter; tokens are numbered, only the last is valid.
    let issued = 0;
    const tokenQueries: string[] = [];
    const stub = await startRegistryStub((req: http.IncomingMessage, res: http.ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://stub');
      if (url.pathname === '/v2/token') {
        tokenQueries.push(url.search);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ access_token: `t${++issued}`, expires_in: 3600 }));
        return;
      }
      if (req.headers.authorization !== `Bearer t${issued}`) {
        res.writeHead(401, { 'www-authenticate': `Bearer realm="http://${stub.host}/v2/token"` });
        res.end();
        return;
      }
      res.writeHead(200);
      res.end(url.pathname.includes('/manifests/') ? manifestFor(CONFIG) : CONFIG);
    });
    stubs.push(stub);
    const fetchFacts = createManifestFetcher({ baseUrl: stub.url });
    await fetchFacts(parseImageRef(`${stub.host}/acme/app:v1`));
    expect(issued).toBe(1); // manifest and config shared the first token
    issued++; // the registry now only accepts a token it has not handed out yet
    const facts = await fetchFacts(parseImageRef(`${stub.host}/acme/app:v1`));
    expect(facts.layers).toEqual([LAYER]);
    expect(issued).toBe(3);
    expect(tokenQueries[0]).toBe('?scope=repository%3Aacme%2Fapp%3Apull');
  });

  it('never sends the access token to a token realm on another origin', async () => {
    const seen: Array<string | undefined> = [];
    const realm = await startRegistryStub((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ token: 'anonymous-token' }));
    });
    const registry = await startRegistryStub((req, res) => {
      if (req.headers.authorization !== 'Bearer anonymous-token') {
        res.writeHead(401, { 'www-authenticate': `Bearer realm="${realm.url}/token",service="elsewhere"` });
        res.end();
        return;
      }
      res.writeHead(200);
      res.end(req.url?.includes('/manifests/') ? manifestFor(CONFIG) : CONFIG);
    });
    stubs.push(realm, registry);
    const facts = await fetchImageManifest(parseImageRef(`${registry.host}/acme/app:v1`), {
      baseUrl: registry.url,
      // The realm's host is allowed: what is tested is that the token still does not go there.
      hosts: RegistryHosts.of([realm.host], registry.url),
      accessToken: async () => 'google-access-token',
    });
    expect(facts.layers).toEqual([LAYER]);
    expect(seen).toEqual([undefined]);
  });

  it('rejects an index entry whose manifest does not match the digest the index names', async () => {
    const good = manifestFor(CONFIG);
    const index = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: sha256(good),
          size: good.length,
          platform: { os: 'linux', architecture: 'amd64' },
        },
      ],
    });
    const stub = await startRegistryStub((req, res) => {
      res.writeHead(200);
      // The tag serves the index; the digest serves a different manifest than the one it names.
      res.end(req.url?.endsWith('/manifests/v1') ? index : good.replace('"size":10', '"size":11'));
    });
    stubs.push(stub);
    const err = await failure(stub);
    expect(err.message).toBe(
      `the registry's manifest ${sha256(good)} of ${stub.host}/acme/app:v1 does not match its digest`,
    );
  });

  it('sends the access token to Google registry hosts only', async () => {
    // Registries named by host (no base URL); `fetch` routes them to one loopback stub that asks
    // for Basic credentials and records what it got.
    const seen: Array<string | undefined> = [];
    const stub = await startRegistryStub((req, res) => {
      seen.push(req.headers.authorization);
      if (!req.headers.authorization) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="registry"' });
        res.end();
        return;
      }
      res.writeHead(200);
      res.end(req.url?.includes('/manifests/') ? manifestFor(CONFIG) : CONFIG);
    });
    stubs.push(stub);
    const viaStub: typeof fetch = (input, init) => fetch(String(input).replace(/^https:\/\/[^/]+/, stub.url), init);
    const hosts = RegistryHosts.of(['registry.example.com']);
    const options = { fetch: viaStub, hosts, accessToken: async () => 'google-access-token' };

    const err = await fetchImageManifest(parseImageRef('registry.example.com/acme/app:v1'), options).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ status: 403 });
    expect((err as Error).message).toMatch(/no credentials were sent/);
    expect(seen).toEqual([undefined]);

    const facts = await fetchImageManifest(parseImageRef('us-docker.pkg.dev/acme/web/app:v1'), options);
    expect(facts.layers).toEqual([LAYER]);
    expect(seen.slice(1)).toContain(`Basic ${Buffer.from('oauth2accesstoken:google-access-token').toString('base64')}`);
  });
});
