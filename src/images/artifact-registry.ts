import { ImageRef } from './image-ref';

/** What an Artifact Registry Docker host tells about an image (docs/image-streaming.md, Artifact Registry). */
export interface ArtifactRegistryImage {
  /** The repository location: a region (`us-east1`) or a multi-region (`us`, `europe`, `asia`). */
  location: string;
  /** Project, repository and image path: `LOCATION-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE`. */
  project: string;
  repository: string;
  image: string;
}

const AR_HOST_RE = /^([a-z]+(?:-[a-z]+[0-9]*)?)-docker\.pkg\.dev$/;

/** The multi-regions of Artifact Registry (docs/image-streaming.md names these three). */
export const MULTI_REGIONS = ['us', 'europe', 'asia'] as const;

export function isMultiRegion(location: string): boolean {
  return (MULTI_REGIONS as readonly string[]).includes(location);
}

/**
 * Recognises `LOCATION-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE`; undefined for any other host
 * or a path too short to name a project, a repository and an image.
 */
export function parseArtifactRegistryImage(ref: ImageRef): ArtifactRegistryImage | undefined {
  const m = AR_HOST_RE.exec(ref.host);
  if (!m) return undefined;
  const parts = ref.path.split('/');
  if (parts.length < 3) return undefined;
  const [project, repository, ...image] = parts;
  return { location: m[1]!, project: project!, repository: repository!, image: image.join('/') };
}
