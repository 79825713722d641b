import { RemoteError } from '../../src/errors';
import { parseImageRef } from '../../src/images/image-ref';
import { createManifestFetcher, fetchImageManifest } from '../../src/registry/fetch-image-manifest';
import { RegistryHosts } from '../../src/registry/registry-hosts';
import { startTokenProxy, TokenProxy } from '../fakes/token-proxy';
import { layerOf, pushImage, PushedImage } from '../support/registry-images';
import { RegistryServer, startRegistry } from '../support/registry-server';

// The real registry behind a fake of Artifact Registry's auth (test/fakes/token-proxy.ts).
let registry: RegistryServer;
let web: PushedImage;
let api: PushedImage;
const proxies: TokenProxy[] = [];

beforeAll(async () => {
  registry = await startRegistry();
  web = await pushImage(registry.url, 'acme/web/frontend', {
    format: 'docker',
    tag: 'v5',
    layers: [layerOf({ a: '1' })],
  });
  api = await pushImage(registry.url, 'acme/web/api', { format: 'oci', tag: 'v1', layers: [layerOf({ b: '2' })] });
});
afterAll(async () => {
  await Promise.all(proxies.map((p) => p.stop()));
  await registry?.stop();
});

async function proxy(options?: Parameters<typeof startTokenProxy>[1]): Promise<TokenProxy> {
  const p = await startTokenProxy(registry.url, options);
  proxies.push(p);
  return p;
}

// The proxy as a mirror would be configured: its base URL, and its storage origin on the allow-list.
const mirror = (p: TokenProxy) => ({ baseUrl: p.url, hosts: RegistryHosts.of([p.storageHost], p.url) });
const ref = (name: string) => parseImageRef(`${registry.host}/${name}`);
const token = (value: string | undefined) => async () => value;
const basicFor = (t: string) => `Basic ${Buffer.from(`oauth2accesstoken:${t}`).toString('base64')}`;

describe('registry token flow', () => {
  it('gets a token with Basic oauth2accesstoken:<token>, then reads manifest and config', async () => {
    const p = await proxy();
    const facts = await fetchImageManifest(ref('acme/web/frontend:v5'), {
      ...mirror(p),
      accessToken: token('test-token'),
    });
    expect(facts.layers).toEqual(web.layerDigests);
    expect(facts.diffIds).toHaveLength(1);
    expect(p.tokenRequests).toEqual([
      { authorization: basicFor('test-token'), service: registry.host, scope: 'repository:acme/web/frontend:pull' },
    ]);
    // The config came through the storage redirect, without the registry's Authorization header.
    expect(p.storageDownloads).toBe(1);
    expect(p.storageRequestsWithAuth).toBe(0);
  });

  it('reuses the token of a repository for the life of the fetcher', async () => {
    const p = await proxy();
    const fetchFacts = createManifestFetcher({ ...mirror(p), accessToken: token('test-token') });
    await fetchFacts(ref('acme/web/frontend:v5'));
    await fetchFacts(ref('acme/web/frontend:v5'));
    await fetchFacts(ref('acme/web/api:v1'));
    expect(p.tokenRequests.map((r) => r.scope)).toEqual([
      'repository:acme/web/frontend:pull',
      'repository:acme/web/api:pull',
    ]);
  });

  it('names the IAM permission when the token service rejects the access token (status 403)', async () => {
    const p = await proxy();
    const err = await fetchImageManifest(ref('acme/web/frontend:v5'), {
      ...mirror(p),
      accessToken: token('wrong'),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteError);
    expect(err).toMatchObject({ status: 403 });
    expect((err as Error).message).toMatch(/acme\/web\/frontend.*artifactregistry\.repositories\.downloadArtifacts/);
  });

  it('names the IAM permission when the registry denies the pull after granting a token', async () => {
    const p = await proxy({ denyPull: true });
    const err = await fetchImageManifest(ref('acme/web/api:v1'), {
      ...mirror(p),
      accessToken: token('test-token'),
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 403 });
    expect((err as Error).message).toMatch(
      /account needs the IAM permission artifactregistry\.repositories\.downloadArtifacts/,
    );
    expect((err as Error).message).toMatch(/registry said: Permission "artifactregistry/);
  });

  it('asks for the token anonymously without credentials, and says none were sent', async () => {
    const p = await proxy();
    const err = await fetchImageManifest(ref('acme/web/api:v1'), {
      ...mirror(p),
      accessToken: token(undefined),
    }).catch((e: unknown) => e);
    expect(p.tokenRequests).toHaveLength(1);
    expect(p.tokenRequests[0]!.authorization).toBeUndefined();
    expect(err).toMatchObject({ status: 403 });
    expect((err as Error).message).toMatch(/no credentials were sent.*downloadArtifacts/);
  });

  it('answers a Basic challenge with the credentials directly', async () => {
    const p = await proxy({ scheme: 'basic' });
    const facts = await fetchImageManifest(ref('acme/web/api:v1'), {
      ...mirror(p),
      accessToken: token('test-token'),
    });
    expect(facts.layers).toEqual(api.layerDigests);
    expect(p.tokenRequests).toHaveLength(0);

    const err = await fetchImageManifest(ref('acme/web/api:v1'), { ...mirror(p), accessToken: token('wrong') }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ status: 403 });
  });
});
