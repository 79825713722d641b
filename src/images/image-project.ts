import { isGoogleRegistryHost } from '../registry/registry-hosts';
import { parseArtifactRegistryImage } from './artifact-registry';
import { ImageRef } from './image-ref';

// Container Registry: gcr.io/PROJECT/IMAGE, and its regional hosts (us.gcr.io, eu.gcr.io, asia.gcr.io).
const GCR_HOST_RE = /^([a-z]+\.)?gcr\.io$/;

/**
 * The Google project whose registry serves the image, when the bot would read it with its own
 * credentials: the token goes only to Google registry hosts (registry-client.ts), so any other
 * host is `undefined` (read anonymously, no project of ours involved). `null`: a Google registry
 * host whose path names no project the bot can tell (refused when projects are restricted).
 */
export function imageProjectOf(ref: ImageRef): string | null | undefined {
  const host = ref.host.replace(/:\d+$/, '');
  if (!isGoogleRegistryHost(host)) return undefined;
  const ar = parseArtifactRegistryImage(ref);
  if (ar) return ar.project;
  if (GCR_HOST_RE.test(host)) {
    const [project, ...image] = ref.path.split('/');
    // A domain-scoped project (example.com:proj) shows as example.com/proj: never an allowed id.
    return project && image.length > 0 ? project : null;
  }
  return null;
}
