import { RemoteError } from '../../src/errors';
import { parseImageRef } from '../../src/images/image-ref';
import { fetchImageManifest } from '../../src/registry/fetch-image-manifest';
import { parsePlatform } from '../../src/registry/platform';
import {
  EMPTY_LAYER,
  EMPTY_LAYER_DIGEST,
  EMPTY_LAYER_GZIP,
  EMPTY_TAR_DIFF_ID,
  layerOf,
  pushImage,
  pushIndex,
} from '../support/registry-images';
import { sha256 } from '../support/registry-push';
import { RegistryServer, startRegistry } from '../support/registry-server';
import { pushSchema1 } from '../support/registry-skopeo';
import { gunzipSync } from 'node:zlib';

// One real registry (CNCF distribution 2.8) for the file; each test pushes its own image.
let registry: RegistryServer;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(async () => {
  await registry?.stop();
});

const ref = (name: string) => parseImageRef(`${registry.host}/${name}`);
const fetchFacts = (name: string, platform?: string) =>
  fetchImageManifest(ref(name), { baseUrl: registry.url, ...(platform ? { platform: parsePlatform(platform) } : {}) });

const base = layerOf({ 'etc/os-release': 'ID=test\n' });
const app = layerOf({ 'app/main.sh': 'echo hi\n' });

describe('fetchImageManifest against a real registry', () => {
  it('reads a Docker schema 2 image: layers base first, config digest, diff IDs, digest', async () => {
    const pushed = await pushImage(registry.url, 'acme/docker-app', {
      format: 'docker',
      tag: 'v1',
      layers: [base, app],
    });
    const facts = await fetchFacts('acme/docker-app:v1');
    expect(facts).toEqual({
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      schemaVersion: 2,
      layers: pushed.layerDigests,
      configDigest: pushed.configDigest,
      digest: pushed.digest,
      diffIds: [base.diffId, app.diffId],
    });
  });

  it('reads an OCI image manifest (which the registry only serves when OCI types are accepted)', async () => {
    const pushed = await pushImage(registry.url, 'acme/oci-app', { format: 'oci', tag: 'v1', layers: [base] });
    const facts = await fetchFacts('acme/oci-app:v1');
    expect(facts.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(facts.layers).toEqual(pushed.layerDigests);
    expect(facts.diffIds).toEqual([base.diffId]);
    expect(facts.platformNote).toBeUndefined();
  });

  it('reads an image pinned by digest', async () => {
    const pushed = await pushImage(registry.url, 'acme/pinned', { format: 'oci', tag: 'v1', layers: [app] });
    const facts = await fetchFacts(`acme/pinned@${pushed.digest}`);
    expect(facts.digest).toBe(pushed.digest);
    expect(facts.layers).toEqual(pushed.layerDigests);
  });

  describe('multi-platform', () => {
    let amd64: Awaited<ReturnType<typeof pushImage>>;
    let arm64: Awaited<ReturnType<typeof pushImage>>;
    beforeAll(async () => {
      amd64 = await pushImage(registry.url, 'acme/multi', {
        format: 'oci',
        layers: [base, app],
        architecture: 'amd64',
      });
      arm64 = await pushImage(registry.url, 'acme/multi', {
        format: 'oci',
        layers: [app],
        architecture: 'arm64',
        variant: 'v8',
      });
      await pushIndex(registry.url, 'acme/multi', 'v1', 'oci', [
        { image: amd64, os: 'linux', architecture: 'amd64' },
        { image: arm64, os: 'linux', architecture: 'arm64', variant: 'v8' },
      ]);
    });

    it('picks linux/amd64 from an OCI index by default and says so', async () => {
      const facts = await fetchFacts('acme/multi:v1');
      expect(facts.layers).toEqual(amd64.layerDigests);
      expect(facts.digest).toBe(amd64.digest);
      expect(facts.diffIds).toEqual([base.diffId, app.diffId]);
      expect(facts.platformNote).toBe('index of 2 platforms (linux/amd64, linux/arm64/v8): checked linux/amd64');
    });

    it('picks linux/arm64 when asked (with or without the v8 variant)', async () => {
      for (const platform of ['linux/arm64', 'linux/arm64/v8']) {
        const facts = await fetchFacts('acme/multi:v1', platform);
        expect(facts.layers).toEqual(arm64.layerDigests);
        expect(facts.digest).toBe(arm64.digest);
        expect(facts.platformNote).toBe('index of 2 platforms (linux/amd64, linux/arm64/v8): checked linux/arm64/v8');
      }
    });

    it('names the platforms available when the index has none for the one asked', async () => {
      const err = await fetchFacts('acme/multi:v1', 'linux/s390x').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RemoteError);
      expect((err as Error).message).toMatch(/linux\/amd64, linux\/arm64\/v8.*no entry for linux\/s390x/);
    });

    it('picks from a Docker manifest list too', async () => {
      const dAmd = await pushImage(registry.url, 'acme/list', { format: 'docker', layers: [base] });
      const dArm = await pushImage(registry.url, 'acme/list', {
        format: 'docker',
        layers: [app],
        architecture: 'arm64',
      });
      await pushIndex(registry.url, 'acme/list', 'v1', 'docker', [
        { image: dAmd, os: 'linux', architecture: 'amd64' },
        { image: dArm, os: 'linux', architecture: 'arm64' },
      ]);
      const facts = await fetchFacts('acme/list:v1', 'linux/arm64');
      expect(facts.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
      expect(facts.layers).toEqual(dArm.layerDigests);
      expect(facts.platformNote).toBe('manifest list of 2 platforms (linux/amd64, linux/arm64): checked linux/arm64');
    });
  });

  it('keeps a duplicated layer twice, in order', async () => {
    const pushed = await pushImage(registry.url, 'acme/dup', {
      format: 'docker',
      tag: 'v1',
      layers: [base, app, base],
    });
    const facts = await fetchFacts('acme/dup:v1');
    expect(facts.layers).toHaveLength(3);
    expect(facts.layers[0]).toBe(facts.layers[2]);
    expect(facts.layers).toEqual(pushed.layerDigests);
  });

  it("reports Docker's empty layer and the empty tar's diff ID", async () => {
    // The 32 bytes are what docs/image-streaming.md's digest names: check them before relying on them.
    expect(EMPTY_LAYER_GZIP).toHaveLength(32);
    expect(sha256(EMPTY_LAYER_GZIP)).toBe(EMPTY_LAYER_DIGEST);
    const tar = gunzipSync(EMPTY_LAYER_GZIP);
    expect(tar.equals(Buffer.alloc(1024))).toBe(true);
    expect(sha256(tar)).toBe(EMPTY_TAR_DIFF_ID);

    await pushImage(registry.url, 'acme/empty', { format: 'docker', tag: 'v1', layers: [base, EMPTY_LAYER] });
    const facts = await fetchFacts('acme/empty:v1');
    expect(facts.layers).toContain(EMPTY_LAYER_DIGEST);
    expect(facts.diffIds).toContain(EMPTY_TAR_DIFF_ID);
  });

  it('recognises a signed schema 1 image pushed by skopeo, layers base first', async () => {
    await pushSchema1(registry.host, 'acme/legacy', 'v1', [base, app]);
    const facts = await fetchFacts('acme/legacy:v1');
    expect(facts.schemaVersion).toBe(1);
    expect(facts.mediaType).toBe('application/vnd.docker.distribution.manifest.v1+prettyjws');
    expect(facts.layers).toEqual([sha256(base.blob), sha256(app.blob)]);
    expect(facts.configDigest).toBeUndefined();
    expect(facts.diffIds).toBeUndefined();
  });

  it('says the image is not in the registry for a missing tag (status 404)', async () => {
    await pushImage(registry.url, 'acme/present', { format: 'docker', tag: 'v1', layers: [base] });
    const err = await fetchFacts('acme/present:nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteError);
    expect(err).toMatchObject({ status: 404 });
    expect((err as Error).message).toBe(
      `image ${registry.host}/acme/present:nope not found in registry ${registry.host}`,
    );
  });
});
