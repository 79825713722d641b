import { UsageError } from '../errors';
import { ImageManifestFacts } from '../facts/types';
import { matchesDigest } from './digest';
import { manifestFacts } from './manifest-facts';
import { parseImageConfig, parseManifest } from './parse-manifest';
import { DEFAULT_PLATFORM, formatPlatform, Platform } from './platform';
import { choosePlatformEntry, describeIndex } from './select-platform';

/**
 * Offline facts from `--manifest FILE [--config FILE]`, as `skopeo inspect --raw` (and
 * `--raw --config`) print them. `platform` only shapes the advice when the file is an index.
 */
export function manifestFactsFromText(
  manifestText: string,
  configText?: string,
  platform: Platform = DEFAULT_PLATFORM,
): ImageManifestFacts {
  const manifest = parseManifest(manifestText, undefined, (why) => new UsageError(`--manifest ${why}`));

  if (manifest.kind === 'index') {
    // An index says nothing about layers: the user must fetch the manifest of one platform.
    const entry = choosePlatformEntry(manifest.entries, platform);
    const wanted = formatPlatform(platform);
    const pick = entry
      ? `the ${wanted} entry is ${entry.digest}`
      : `it has no ${wanted} entry; pick one of the platforms listed`;
    throw new UsageError(
      `--manifest is a multi-platform ${describeIndex(manifest.mediaType, manifest.entries)}, not an image manifest: ` +
        `pass the manifest of one platform instead, e.g. \`skopeo inspect --raw docker://IMAGE@DIGEST\` (${pick})`,
    );
  }

  if (configText === undefined) return manifestFacts(manifest);
  if (manifest.kind === 'schema1') {
    throw new UsageError('--config was given but --manifest is a Docker schema 1 manifest, which has no config');
  }
  // A config that is not the manifest's would report the wrong diff IDs; allow the trailing
  // newline an editor or `echo` adds.
  const expected = manifest.config.digest;
  if (!matchesDigest(configText, expected) && !matchesDigest(configText.replace(/\s+$/, ''), expected)) {
    throw new UsageError(
      `--config is not the config of --manifest: the manifest names ${expected}; ` +
        'save it with `skopeo inspect --raw --config docker://IMAGE@DIGEST`',
    );
  }
  const diffIds = parseImageConfig(configText, (why) => new UsageError(`--config ${why}`));
  return manifestFacts(manifest, { diffIds });
}
