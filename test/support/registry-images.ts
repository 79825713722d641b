/**
 * Builds small images (layer tarballs, config, manifest, index) and pushes them with registry-push,
 * so each test owns exactly the image it checks.
 */
import { gzipSync } from 'node:zlib';
import { pushBlob, pushManifest, sha256 } from './registry-push';

export const MT = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
} as const;

/**
 * The empty layer Docker writes for schema 1 images: a gzip of an empty tar (1024 zero bytes),
 * exactly as Docker's source spells it, so its digest is sha256:a3ed95caeb02... (docs/image-streaming.md, empty-layer).
 */
export const EMPTY_LAYER_GZIP = Buffer.from([
  31, 139, 8, 0, 0, 9, 110, 136, 0, 255, 98, 24, 5, 163, 96, 20, 140, 88, 0, 8, 0, 0, 255, 255, 46, 175, 181, 239, 0, 4,
  0, 0,
]);
export const EMPTY_LAYER_DIGEST = 'sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4';
/** The diff ID of the empty tar (sha256 of 1024 zero bytes). */
export const EMPTY_TAR_DIFF_ID = 'sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef';

/** A ustar archive of regular files (enough for a layer). */
export function tarOf(files: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.from(content);
    const header = Buffer.alloc(512);
    header.write(name, 0, 100);
    header.write('0000644\0', 100);
    header.write('0000000\0', 108);
    header.write('0000000\0', 116);
    header.write(data.length.toString(8).padStart(11, '0') + '\0', 124);
    header.write('00000000000\0', 136);
    header.write('        ', 148); // checksum is computed with this field as spaces
    header.write('0', 156);
    header.write('ustar\0', 257);
    header.write('00', 263);
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
    parts.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

/** A layer: the gzipped blob and the diff ID of the tar inside it. */
export interface Layer {
  blob: Buffer;
  diffId: string;
}

/** A layer holding the given files. */
export function layerOf(files: Record<string, string>): Layer {
  const tar = tarOf(files);
  return { blob: gzipSync(tar), diffId: sha256(tar) };
}

/** The empty layer, in Docker's exact bytes. */
export const EMPTY_LAYER: Layer = { blob: EMPTY_LAYER_GZIP, diffId: EMPTY_TAR_DIFF_ID };

/** What was pushed, for the assertions. */
export interface PushedImage {
  digest: string;
  configDigest: string;
  layerDigests: string[];
  diffIds: string[];
  mediaType: string;
  size: number;
}

/** Pushes a single-platform image in Docker schema 2 or OCI form; `tag` may be omitted (index children). */
export async function pushImage(
  registryUrl: string,
  repository: string,
  options: {
    format: 'docker' | 'oci';
    layers: Layer[];
    tag?: string;
    os?: string;
    architecture?: string;
    variant?: string;
  },
): Promise<PushedImage> {
  const docker = options.format === 'docker';
  const layerDigests: string[] = [];
  for (const layer of options.layers) layerDigests.push(await pushBlob(registryUrl, repository, layer.blob));
  const diffIds = options.layers.map((l) => l.diffId);
  const config = Buffer.from(
    JSON.stringify({
      architecture: options.architecture ?? 'amd64',
      os: options.os ?? 'linux',
      ...(options.variant ? { variant: options.variant } : {}),
      config: { Cmd: ['/bin/sh'] },
      rootfs: { type: 'layers', diff_ids: diffIds },
      history: diffIds.map(() => ({ created_by: 'test' })),
    }),
  );
  const configDigest = await pushBlob(registryUrl, repository, config);
  const mediaType = docker ? MT.dockerManifest : MT.ociManifest;
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      config: { mediaType: docker ? MT.dockerConfig : MT.ociConfig, digest: configDigest, size: config.length },
      layers: options.layers.map((l, i) => ({
        mediaType: docker ? MT.dockerLayer : MT.ociLayer,
        digest: layerDigests[i],
        size: l.blob.length,
      })),
    }),
  );
  const digest = await pushManifest(registryUrl, repository, options.tag ?? sha256(manifest), mediaType, manifest);
  return { digest, configDigest, layerDigests, diffIds, mediaType, size: manifest.length };
}

/** Pushes an OCI index or Docker manifest list over already pushed images. */
export async function pushIndex(
  registryUrl: string,
  repository: string,
  tag: string,
  format: 'docker' | 'oci',
  entries: Array<{ image: PushedImage; os: string; architecture: string; variant?: string }>,
): Promise<string> {
  const mediaType = format === 'docker' ? MT.dockerList : MT.ociIndex;
  const body = JSON.stringify({
    schemaVersion: 2,
    mediaType,
    manifests: entries.map((e) => ({
      mediaType: e.image.mediaType,
      digest: e.image.digest,
      size: e.image.size,
      platform: { os: e.os, architecture: e.architecture, ...(e.variant ? { variant: e.variant } : {}) },
    })),
  });
  return pushManifest(registryUrl, repository, tag, mediaType, body);
}
