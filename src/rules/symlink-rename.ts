import { GkeVersion, compareGkeVersions, isAtLeast, minorOf } from '../versions/gke-version';
import { SYMLINK_FIXED_BY_MINOR, THRESHOLDS } from '../versions/thresholds';
import { upgradePoolCommand, poolStreamingCommand } from './gcloud-commands';
import { Rule, need, pass, warn } from './rule';

/**
 * Limitation: from 1.25, `mv`/`renameat2` on symlinks from the image can fail with "No such device or
 * address" (a kernel regression), fixed per minor in the patches of SYMLINK_FIXED_BY_MINOR. The image
 * still streams, so an affected version is a warning.
 */
export const symlinkRename: Rule = {
  id: 'symlink-rename',
  scope: 'pool',
  evaluate({ pool, names }) {
    const version = need(pool.gkeVersion, 'node GKE version', ['--gke-version']);
    if (!version.ok) return version.outcome;
    const v = version.value;
    if (!isAtLeast(v, THRESHOLDS.symlinkRegressionFrom))
      return pass(`GKE ${v.raw} predates the 1.25 symlink rename regression`);
    const fixed = symlinkFixFor(v);
    if (!fixed) return pass(`GKE ${v.raw} is later than the minors affected by the symlink rename regression`);
    if (compareGkeVersions(v, fixed) >= 0) return pass(`GKE ${v.raw} has the symlink rename fix (${fixed.raw})`);
    return warn(
      `GKE ${v.raw}: mv/renameat2 on symlinks from the image can fail with "No such device or address" (fixed in ${fixed.raw})`,
      `upgrade the pool: ${upgradePoolCommand(names, fixed.raw)}; or avoid renameat2 on symlinks in the code; or disable streaming on the pool (${poolStreamingCommand(names, false)})`,
    );
  },
};

/** The first fixed patch of the version's minor; undefined for minors the regression never hit. */
export function symlinkFixFor(v: GkeVersion): GkeVersion | undefined {
  return SYMLINK_FIXED_BY_MINOR[minorOf(v)];
}
