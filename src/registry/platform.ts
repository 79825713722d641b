import { UsageError } from '../errors';

/** A container platform as named in image indexes (`linux/amd64`, `linux/arm64/v8`). */
export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** The platform checked when none is asked for: GKE's default node architecture. */
export const DEFAULT_PLATFORM: Platform = Object.freeze({ os: 'linux', architecture: 'amd64' });

const PLATFORM_RE = /^([a-z0-9_]+)\/([a-z0-9_]+)(?:\/([a-z0-9_]+))?$/;

/** Parses `OS/ARCH[/VARIANT]` (`linux/amd64`, `linux/arm64/v8`); anything else is a UsageError. */
export function parsePlatform(text: string): Platform {
  const trimmed = text.trim().toLowerCase();
  const m = PLATFORM_RE.exec(trimmed);
  if (!m) {
    throw new UsageError(
      `invalid platform "${text.slice(0, 60)}": expected OS/ARCH[/VARIANT], e.g. linux/amd64 or linux/arm64`,
    );
  }
  const platform: Platform = { os: m[1]!, architecture: m[2]! };
  if (m[3]) platform.variant = m[3];
  return platform;
}

/** `linux/arm64/v8` style text of a platform, for notes and messages. */
export function formatPlatform(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

// arm64 has a single variant (v8), so indexes write it either way; containerd treats both as equal.
function sameVariant(wanted: Platform, entry: Platform): boolean {
  if (wanted.variant === undefined) return true;
  if (wanted.variant === entry.variant) return true;
  return wanted.architecture === 'arm64' && (wanted.variant ?? 'v8') === (entry.variant ?? 'v8');
}

/** Whether an index entry's platform satisfies the wanted one (variant only compared when wanted names it). */
export function platformMatches(wanted: Platform, entry: Platform): boolean {
  return wanted.os === entry.os && wanted.architecture === entry.architecture && sameVariant(wanted, entry);
}
