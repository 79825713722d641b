/** Manifest and config media types of the Docker and OCI image formats. */
export const MediaType = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  schema1Signed: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
  schema1: 'application/vnd.docker.distribution.manifest.v1+json',
} as const;

/**
 * The Accept header for manifest requests. Every type is listed: a registry answers 404 for an
 * OCI manifest when OCI types are missing (seen with distribution 2.8), and schema 1 must be
 * listed so a schema 1 image comes back as itself and is recognised (docs/image-streaming.md, limitation schema1).
 */
export const MANIFEST_ACCEPT = [
  MediaType.ociIndex,
  MediaType.ociManifest,
  MediaType.dockerList,
  MediaType.dockerManifest,
  MediaType.schema1Signed,
  MediaType.schema1,
].join(', ');

/** Config types whose JSON carries `rootfs.diff_ids`; other configs (Helm charts, artifacts) are not read. */
export const IMAGE_CONFIG_TYPES: readonly string[] = [MediaType.ociConfig, MediaType.dockerConfig];

/** True for the two multi-platform types (OCI index, Docker manifest list). */
export function isIndexType(mediaType: string | undefined): boolean {
  return mediaType === MediaType.ociIndex || mediaType === MediaType.dockerList;
}

/** True for the two schema 1 types. */
export function isSchema1Type(mediaType: string | undefined): boolean {
  return mediaType === MediaType.schema1Signed || mediaType === MediaType.schema1;
}

/** The bare media type of a Content-Type header (`type; charset=...` -> `type`), lowercased. */
export function bareMediaType(contentType: string | null | undefined): string | undefined {
  const bare = contentType?.split(';')[0]?.trim().toLowerCase();
  return bare ? bare : undefined;
}
