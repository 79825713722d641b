import { GkeVersion, parseGkeVersion } from './gke-version';

/**
 * Every GKE version threshold of docs/image-streaming.md, in one table. A threshold is the first version at
 * which the capability holds; a version below it lacks the capability.
 */
export const THRESHOLDS = {
  /** Requirements: Standard clusters need GKE >= 1.18.6-gke.4801. */
  standardMinimum: parseGkeVersion('1.18.6-gke.4801'),
  /** Requirements: Autopilot clusters created at >= 1.25.5-gke.1000 stream automatically. */
  autopilotAutomatic: parseGkeVersion('1.25.5-gke.1000'),
  /** Limitations: image pull secrets unsupported before 1.23.5-gke.1900. */
  pullSecrets: parseGkeVersion('1.23.5-gke.1900'),
  /** Limitations: CMEK-encrypted images eligible from 1.25.3-gke.1000. */
  cmek: parseGkeVersion('1.25.3-gke.1000'),
  /** Limitations: images with duplicate layers eligible from 1.28 (the page names only the minor). */
  duplicateLayers: parseGkeVersion('1.28.0-gke.0'),
  /** Limitations: Linux file capabilities (e.g. CAP_NET_RAW) work from 1.22.6-gke.300. */
  fileCapabilities: parseGkeVersion('1.22.6-gke.300'),
  /** Limitations: the symlink renameat2 regression starts at 1.25. */
  symlinkRegressionFrom: parseGkeVersion('1.25.0-gke.0'),
} as const;

/**
 * Limitations: the symlink rename regression is fixed, per affected minor, from these patches
 * "and later patches". Minors after the last one listed are taken as fixed (the fix is in 1.28).
 */
export const SYMLINK_FIXED_BY_MINOR: Readonly<Record<string, GkeVersion>> = {
  '1.25': parseGkeVersion('1.25.14-gke.1351000'),
  '1.26': parseGkeVersion('1.26.9-gke.1345000'),
  '1.27': parseGkeVersion('1.27.6-gke.100'),
  '1.28': parseGkeVersion('1.28.1-gke.1157000'),
};
