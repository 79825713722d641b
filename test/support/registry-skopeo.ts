/**
 * Pushes a Docker schema 1 image the way real ones were made: an OCI layout written by hand,
 * converted and signed by `skopeo copy --format v2s1` into the test registry.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Layer, MT } from './registry-images';
import { sha256 } from './registry-push';

const run = promisify(execFile);
const SKOPEO_BIN = '/usr/bin/skopeo';

async function writeBlob(dir: string, bytes: Buffer): Promise<string> {
  const digest = sha256(bytes);
  await writeFile(path.join(dir, 'blobs', 'sha256', digest.slice('sha256:'.length)), bytes);
  return digest;
}

/** Writes an OCI layout with one tagged image of `layers` (base first). */
export async function writeOciLayout(dir: string, tag: string, layers: Layer[]): Promise<void> {
  await mkdir(path.join(dir, 'blobs', 'sha256'), { recursive: true });
  const layerDescriptors = [];
  for (const layer of layers) {
    layerDescriptors.push({
      mediaType: MT.ociLayer,
      digest: await writeBlob(dir, layer.blob),
      size: layer.blob.length,
    });
  }
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: {},
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
      history: layers.map((_, i) => ({ created_by: `layer ${i}` })),
    }),
  );
  const configDigest = await writeBlob(dir, config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MT.ociManifest,
      config: { mediaType: MT.ociConfig, digest: configDigest, size: config.length },
      layers: layerDescriptors,
    }),
  );
  const manifestDigest = await writeBlob(dir, manifest);
  await writeFile(path.join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  await writeFile(
    path.join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: MT.ociManifest,
          digest: manifestDigest,
          size: manifest.length,
          annotations: { 'org.opencontainers.image.ref.name': tag },
        },
      ],
    }),
  );
}

/** Pushes `layers` as a signed schema 1 image `host/repository:tag` (plain http, loopback only). */
export async function pushSchema1(host: string, repository: string, tag: string, layers: Layer[]): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'imagestream-oci-'));
  try {
    await writeOciLayout(dir, tag, layers);
    // --insecure-policy: no signature policy is involved in a push to a throwaway local registry.
    await run(
      SKOPEO_BIN,
      [
        '--insecure-policy',
        'copy',
        '--quiet',
        '--format',
        'v2s1',
        `oci:${dir}:${tag}`,
        `docker://${host}/${repository}:${tag}`,
        '--dest-tls-verify=false',
      ],
      { timeout: 15000 },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
