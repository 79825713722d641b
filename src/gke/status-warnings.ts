import { symlinkFixFor } from '../rules/symlink-rename';
import { compareGkeVersions, isAtLeast, tryParseGkeVersion } from '../versions/gke-version';
import { THRESHOLDS } from '../versions/thresholds';

/** Node image type streaming needs (docs/image-streaming.md requirement node-image). */
export const STREAMING_IMAGE_TYPE = 'COS_CONTAINERD';

/** What a pool's image type and version mean for streaming (docs/image-streaming.md requirements and limitations). */
export function poolWarnings(pool: { imageType: string | null; version: string | null }, autopilot: boolean): string[] {
  const warnings: string[] = [];
  if (pool.imageType !== null && pool.imageType !== STREAMING_IMAGE_TYPE) {
    warnings.push(`node image ${pool.imageType} is not ${STREAMING_IMAGE_TYPE}: images are not streamed on this pool`);
  }
  const v = tryParseGkeVersion(pool.version);
  if (v && !autopilot && !isAtLeast(v, THRESHOLDS.standardMinimum)) {
    warnings.push(`GKE ${v.raw} is older than ${THRESHOLDS.standardMinimum.raw}, the minimum for image streaming`);
  }
  const fixed = v && isAtLeast(v, THRESHOLDS.symlinkRegressionFrom) ? symlinkFixFor(v) : undefined;
  if (v && fixed && compareGkeVersions(v, fixed) < 0) {
    warnings.push(
      `GKE ${v.raw} has the symlink rename bug: with image streaming, mv/renameat2 on symlinks from the image can fail with "No such device or address" (fixed in ${fixed.raw}; upgrade the pool or disable streaming on it)`,
    );
  }
  return warnings;
}

/** Cluster-wide warnings: Autopilot has no per-cluster switch and streams only if created late enough. */
export function clusterWarnings(cluster: { autopilot: boolean; initialVersion: string | null }): string[] {
  if (!cluster.autopilot) return [];
  const warnings = [
    'Autopilot: image streaming cannot be disabled per cluster (only disabling the Container File System API turns it off, for the whole project)',
  ];
  const created = tryParseGkeVersion(cluster.initialVersion);
  if (created && !isAtLeast(created, THRESHOLDS.autopilotAutomatic)) {
    warnings.push(
      `Autopilot cluster created at GKE ${created.raw}, before ${THRESHOLDS.autopilotAutomatic.raw}: it does not use image streaming automatically`,
    );
  }
  return warnings;
}
