import { UsageError } from '../errors';

/** A GKE version, `MAJOR.MINOR.PATCH-gke.BUILD` (docs/image-streaming.md: compare numerically, BUILD last). */
export interface GkeVersion {
  major: number;
  minor: number;
  patch: number;
  build: number;
  /** The text it was parsed from, for messages. */
  raw: string;
}

const VERSION_RE = /^(\d{1,4})\.(\d{1,4})\.(\d{1,4})-gke\.(\d{1,12})$/;

/** Parses `1.27.3-gke.100`; anything else is a UsageError naming the expected form. */
export function parseGkeVersion(text: string): GkeVersion {
  const trimmed = text.trim();
  const m = VERSION_RE.exec(trimmed);
  if (!m) {
    throw new UsageError(
      `invalid GKE version "${text.slice(0, 60)}": expected MAJOR.MINOR.PATCH-gke.BUILD, e.g. 1.27.3-gke.100`,
    );
  }
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), build: Number(m[4]), raw: trimmed };
}

/** Like parseGkeVersion but returns undefined instead of throwing (for values read from APIs). */
export function tryParseGkeVersion(text: string | null | undefined): GkeVersion | undefined {
  if (!text) return undefined;
  return VERSION_RE.test(text.trim()) ? parseGkeVersion(text) : undefined;
}

/** Negative when a < b, zero when equal, positive when a > b; field by field, BUILD last. */
export function compareGkeVersions(a: GkeVersion, b: GkeVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch || a.build - b.build;
}

export function isAtLeast(v: GkeVersion, min: GkeVersion): boolean {
  return compareGkeVersions(v, min) >= 0;
}

/** `1.27` of a version, the key of per-minor tables. */
export function minorOf(v: GkeVersion): string {
  return `${v.major}.${v.minor}`;
}
