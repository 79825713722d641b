/**
 * The simulated registry's images, built in memory with the registry tests' own helpers (layers,
 * media types, the empty layer): one that passes, and one that fails each rule a registry decides.
 * Every image host is served by one loopback registry (IMAGESTREAM_REGISTRY_URL), so `check`
 * reads them all without a network.
 */
import fs from 'node:fs';
import path from 'node:path';
import { EMPTY_LAYER, Layer, MT, layerOf } from '../../test/support/registry-images';
import { sha256 } from '../../test/support/registry-push';

/** A stored manifest or blob: its bytes and what to send as content-type. */
export interface StoredObject {
  body: Buffer;
  mediaType: string;
}

/** What the registry holds: manifests by `PATH:TAG` and `PATH@DIGEST`, blobs by digest. */
export interface RegistryContent {
  manifests: Map<string, StoredObject>;
  blobs: Map<string, StoredObject>;
}

/** One simulated image and the rule it shows. */
export interface SimImage {
  image: string;
  /** The rule it is about, and the verdict `check` gives it on a fitting cluster. */
  shows: string;
}

/** The images, with what each one shows (GET /playground/sim lists them). */
export const SIM_IMAGES: readonly SimImage[] = [
  { image: 'us-east1-docker.pkg.dev/acme-prod/web/frontend:v5', shows: 'eligible (Artifact Registry, schema 2)' },
  { image: 'us-docker.pkg.dev/acme-prod/shared/tools:v2', shows: 'eligible multi-platform OCI index (us nodes)' },
  { image: 'us-east1-docker.pkg.dev/acme-prod/web/legacy:v1', shows: 'schema1: Docker V2 schema 1 manifest' },
  { image: 'us-east1-docker.pkg.dev/acme-prod/web/dup-layers:v1', shows: 'duplicate-layers: fails before 1.28' },
  { image: 'us-east1-docker.pkg.dev/acme-prod/web/empty-layer:v1', shows: 'empty-layer: holds the empty layer' },
  { image: 'europe-west1-docker.pkg.dev/acme-prod/secure/payments:v1', shows: 'cmek: a CMEK repository' },
  { image: 'asia-docker.pkg.dev/acme-prod/apac/api:v1', shows: "region: not in the nodes' region" },
  { image: 'docker.io/library/nginx:1.25', shows: 'artifact-registry: not in Artifact Registry' },
];

/** Builds every image of SIM_IMAGES. */
export function buildRegistryContent(): RegistryContent {
  const content: RegistryContent = { manifests: new Map(), blobs: new Map() };
  const app = layerOf({ 'app/server.js': 'console.log("hello");\n' });
  const base = layerOf({ 'etc/os-release': 'ID=simulated\n' });
  const put = (repo: string, tag: string, image: Buffer, mediaType: string) => {
    content.manifests.set(`${repo}:${tag}`, { body: image, mediaType });
    content.manifests.set(`${repo}@${sha256(image)}`, { body: image, mediaType });
  };
  const single = (repo: string, tag: string | undefined, layers: Layer[], arch = 'amd64') => {
    const built = imageManifest(content, layers, arch, 'docker');
    if (tag) put(repo, tag, built.body, built.mediaType);
    else put(repo, sha256(built.body), built.body, built.mediaType);
    return built;
  };

  single('acme-prod/web/frontend', 'v5', [base, app]);
  single('acme-prod/web/dup-layers', 'v1', [base, app, app]);
  single('acme-prod/web/empty-layer', 'v1', [base, EMPTY_LAYER, app]);
  single('acme-prod/secure/payments', 'v1', [base, app]);
  single('acme-prod/apac/api', 'v1', [base, app]);
  single('library/nginx', '1.25', [base, app]);

  // A multi-platform OCI index: amd64 and arm64 entries, each stored by digest.
  const entries = (['amd64', 'arm64'] as const).map((arch) => {
    const built = imageManifest(content, [base, layerOf({ 'bin/tool': `#!/bin/sh\necho ${arch}\n` })], arch, 'oci');
    put('acme-prod/shared/tools', sha256(built.body), built.body, built.mediaType);
    return {
      mediaType: built.mediaType,
      digest: sha256(built.body),
      size: built.body.length,
      platform: { os: 'linux', architecture: arch },
    };
  });
  const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MT.ociIndex, manifests: entries }));
  put('acme-prod/shared/tools', 'v2', index, MT.ociIndex);

  // Schema 1: the registry tests' signed fixture, as a real registry serves it.
  const schema1 = fs.readFileSync(
    path.join(__dirname, '..', '..', 'test', 'fixtures', 'registry', 'schema1-manifest.json'),
  );
  put('acme-prod/web/legacy', 'v1', schema1, 'application/vnd.docker.distribution.manifest.v1+prettyjws');
  return content;
}

/** A single-platform manifest (Docker schema 2 or OCI); its config and layers go into the blobs. */
function imageManifest(
  content: RegistryContent,
  layers: Layer[],
  architecture: string,
  format: 'docker' | 'oci',
): StoredObject {
  const docker = format === 'docker';
  const diffIds = layers.map((l) => l.diffId);
  const config = Buffer.from(
    JSON.stringify({
      architecture,
      os: 'linux',
      config: { Cmd: ['/bin/sh'] },
      rootfs: { type: 'layers', diff_ids: diffIds },
      history: diffIds.map(() => ({ created_by: 'playground' })),
    }),
  );
  const configType = docker ? MT.dockerConfig : MT.ociConfig;
  content.blobs.set(sha256(config), { body: config, mediaType: configType });
  for (const layer of layers)
    content.blobs.set(sha256(layer.blob), { body: layer.blob, mediaType: 'application/octet-stream' });
  const mediaType = docker ? MT.dockerManifest : MT.ociManifest;
  const body = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      config: { mediaType: configType, digest: sha256(config), size: config.length },
      layers: layers.map((l) => ({
        mediaType: docker ? MT.dockerLayer : MT.ociLayer,
        digest: sha256(l.blob),
        size: l.blob.length,
      })),
    }),
  );
  return { body, mediaType };
}
