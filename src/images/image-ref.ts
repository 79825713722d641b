import { UsageError } from '../errors';

/** A parsed image reference `HOST/PATH[:TAG][@DIGEST]`. */
export interface ImageRef {
  /** Registry host, with port if one was given (`us-east1-docker.pkg.dev`, `127.0.0.1:5000`). */
  host: string;
  /** Repository path below the host (`acme/web/frontend`). */
  path: string;
  /** The tag, `latest` when neither tag nor digest was given. */
  tag?: string;
  /** `sha256:...` when the reference pins a digest. */
  digest?: string;
  /** The reference as given, trimmed. */
  raw: string;
}

// Grammar of distribution/reference, simplified to what a registry accepts.
const HOST_RE =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::\d{1,5})?$/;
const PATH_COMPONENT_RE = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG_RE = /^[\w][\w.-]{0,127}$/;
const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;

/**
 * Parses an image reference. The host is required (a bare `nginx` names Docker Hub implicitly,
 * which image streaming cannot serve anyway, so we ask for the full reference).
 */
export function parseImageRef(input: string): ImageRef {
  const raw = input.trim();
  const bad = (why: string) =>
    new UsageError(`invalid image reference "${raw.slice(0, 120)}": ${why} (expected HOST/PATH[:TAG][@sha256:DIGEST])`);
  if (raw.length === 0) throw bad('empty');
  if (raw.length > 1024) throw bad('longer than 1024 characters');

  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST_RE.test(digest)) throw bad('the digest must be sha256: followed by 64 lowercase hex digits');
  }

  const slash = rest.indexOf('/');
  if (slash < 0) throw bad('no registry host');
  const host = rest.slice(0, slash);
  let pathAndTag = rest.slice(slash + 1);
  if (!HOST_RE.test(host) || !(host.includes('.') || host.includes(':') || host === 'localhost')) {
    throw bad(`"${host}" is not a registry host`);
  }

  let tag: string | undefined;
  const colon = pathAndTag.lastIndexOf(':');
  if (colon >= 0) {
    tag = pathAndTag.slice(colon + 1);
    pathAndTag = pathAndTag.slice(0, colon);
    if (!TAG_RE.test(tag)) throw bad(`"${tag}" is not a valid tag`);
  }
  const components = pathAndTag.split('/');
  if (components.some((c) => !PATH_COMPONENT_RE.test(c))) {
    throw bad('the repository path must be lowercase letters, digits and separators');
  }
  if (!tag && !digest) tag = 'latest';
  return { host: host.toLowerCase(), path: pathAndTag, tag, digest, raw };
}

/** The reference used to ask the registry for the manifest: the digest when pinned, else the tag. */
export function manifestReference(ref: ImageRef): string {
  return ref.digest ?? ref.tag ?? 'latest';
}
