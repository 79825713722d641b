import { ImageManifestFacts } from '../facts/types';
import { ParsedManifest } from './parse-manifest';

/** What was learnt besides the manifest itself. */
export interface ManifestExtras {
  digest?: string;
  diffIds?: string[];
  platformNote?: string;
}

/** The facts of a resolved (single-platform) manifest; absent extras are left out, not undefined. */
export function manifestFacts(
  manifest: Exclude<ParsedManifest, { kind: 'index' }>,
  extras: ManifestExtras = {},
): ImageManifestFacts {
  const facts: ImageManifestFacts =
    manifest.kind === 'schema1'
      ? { mediaType: manifest.mediaType, schemaVersion: 1, layers: manifest.layers }
      : {
          mediaType: manifest.mediaType,
          schemaVersion: 2,
          layers: manifest.layers,
          configDigest: manifest.config.digest,
        };
  if (extras.digest !== undefined) facts.digest = extras.digest;
  if (extras.platformNote !== undefined) facts.platformNote = extras.platformNote;
  if (extras.diffIds !== undefined) facts.diffIds = extras.diffIds;
  return facts;
}
