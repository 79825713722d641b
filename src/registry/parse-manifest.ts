import { z } from 'zod';
import { describeIssues } from './describe-issues';
import { Descriptor, imageConfigSchema, imageManifestSchema, indexSchema, schema1Schema } from './manifest-schemas';
import { isIndexType, isSchema1Type, MediaType } from './media-types';
import { Platform } from './platform';

/** One entry of an index / manifest list. */
export interface IndexEntry extends Descriptor {
  platform?: Platform;
}

/** A manifest body, classified. */
export type ParsedManifest =
  | { kind: 'index'; mediaType: string; entries: IndexEntry[] }
  | { kind: 'image'; mediaType: string; config: Descriptor; layers: string[] }
  | { kind: 'schema1'; mediaType: string; layers: string[] };

/** Builds the error thrown for a bad body; `why` reads after the subject ("is not JSON: ..."). */
export type Fail = (why: string) => Error;

function parseJson(text: string, fail: Fail): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw fail(`is not JSON: ${(err as Error).message}`);
  }
}

function check<T>(schema: z.ZodType<T>, value: unknown, what: string, fail: Fail): T {
  const result = schema.safeParse(value);
  if (!result.success) throw fail(`is not a valid ${what}: ${describeIssues(result.error)}`);
  return result.data;
}

/**
 * Classifies and validates a manifest. The body's own `mediaType` wins over the Content-Type
 * (registries and files disagree less about the body); when both are missing, the shape decides
 * (an OCI manifest may omit `mediaType`).
 */
export function parseManifest(text: string, contentType: string | undefined, fail: Fail): ParsedManifest {
  const json = parseJson(text, fail);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw fail('is not a JSON object');
  const body = json as Record<string, unknown>;

  if (body.schemaVersion === 1) {
    const s1 = check(schema1Schema, body, 'schema 1 manifest', fail);
    const mediaType = isSchema1Type(contentType)
      ? contentType!
      : s1.signatures
        ? MediaType.schema1Signed
        : MediaType.schema1;
    // schema 1 lists the top layer first; the facts list the base first, like schema 2.
    return { kind: 'schema1', mediaType, layers: s1.fsLayers.map((l) => l.blobSum).reverse() };
  }
  if (body.schemaVersion !== 2) {
    throw fail(`has schemaVersion ${JSON.stringify(body.schemaVersion)?.slice(0, 20)}, expected 1 or 2`);
  }

  const declared = typeof body.mediaType === 'string' ? body.mediaType : contentType;
  const looksLikeIndex = isIndexType(declared) || (!('layers' in body) && Array.isArray(body.manifests));
  if (looksLikeIndex) {
    const index = check(indexSchema, body, 'image index', fail);
    const mediaType = index.mediaType ?? (isIndexType(contentType) ? contentType! : MediaType.ociIndex);
    return { kind: 'index', mediaType, entries: index.manifests };
  }
  const manifest = check(imageManifestSchema, body, 'image manifest', fail);
  const mediaType =
    manifest.mediaType ??
    (contentType === MediaType.dockerManifest || contentType === MediaType.ociManifest
      ? contentType
      : MediaType.ociManifest);
  return { kind: 'image', mediaType, config: manifest.config, layers: manifest.layers.map((l) => l.digest) };
}

/** `rootfs.diff_ids` of an image config. */
export function parseImageConfig(text: string, fail: Fail): string[] {
  const json = parseJson(text, fail);
  return check(imageConfigSchema, json, 'image config', fail).rootfs.diff_ids;
}
