import { MediaType } from './media-types';
import { IndexEntry } from './parse-manifest';
import { formatPlatform, Platform, platformMatches } from './platform';

// BuildKit adds attestation manifests to indexes under the platform unknown/unknown: not images.
function isImageEntry(entry: IndexEntry): entry is IndexEntry & { platform: Platform } {
  return entry.platform !== undefined && entry.platform.os !== 'unknown' && entry.platform.architecture !== 'unknown';
}

/** The distinct platforms an index offers, in index order (`linux/amd64`, `linux/arm64/v8`). */
export function listedPlatforms(entries: IndexEntry[]): string[] {
  return [...new Set(entries.filter(isImageEntry).map((e) => formatPlatform(e.platform)))];
}

/** The first image entry for the wanted platform, if any. */
export function choosePlatformEntry(
  entries: IndexEntry[],
  wanted: Platform,
): (IndexEntry & { platform: Platform }) | undefined {
  return entries.filter(isImageEntry).find((e) => platformMatches(wanted, e.platform));
}

/** "index of 2 platforms (linux/amd64, linux/arm64)" (or "manifest list of ..."). */
export function describeIndex(mediaType: string, entries: IndexEntry[]): string {
  const platforms = listedPlatforms(entries);
  const kind = mediaType === MediaType.dockerList ? 'manifest list' : 'index';
  const list = platforms.length > 0 ? platforms.join(', ') : 'none named';
  return `${kind} of ${platforms.length} platform${platforms.length === 1 ? '' : 's'} (${list})`;
}
