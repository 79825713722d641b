import { isAtLeast } from '../versions/gke-version';
import { THRESHOLDS } from '../versions/thresholds';
import { upgradePoolCommand } from './gcloud-commands';
import { Rule, fail, need, pass, warn } from './rule';

/**
 * Limitation: Linux file capabilities (e.g. CAP_NET_RAW) work with streaming from 1.22.6-gke.300;
 * earlier, containers relying on them fail with permission denied. Whether the image uses them is not
 * in any manifest, so it comes from `--file-caps`; unknown use on an old version is a warning.
 */
export const fileCaps: Rule = {
  id: 'file-caps',
  scope: 'pool',
  evaluate({ facts, pool, names }) {
    const min = THRESHOLDS.fileCapabilities;
    const version = need(pool.gkeVersion, 'node GKE version', ['--gke-version']);
    if (!version.ok) return version.outcome;
    if (isAtLeast(version.value, min))
      return pass(`GKE ${version.value.raw} >= ${min.raw}: Linux file capabilities work`);
    const upgrade = `upgrade the nodes to ${min.raw} or later (${upgradePoolCommand(names, min.raw)}), or do not use image streaming for this container`;
    const uses = facts.workload.usesFileCaps;
    if (uses === false)
      return pass(`GKE ${version.value.raw} < ${min.raw}, but the container uses no file capabilities`);
    if (uses === true) {
      return fail(
        `the container relies on Linux file capabilities, which fail with permission denied under image streaming before ${min.raw} (nodes run ${version.value.raw})`,
        upgrade,
      );
    }
    return warn(
      `GKE ${version.value.raw} < ${min.raw}: containers that rely on Linux file capabilities (e.g. CAP_NET_RAW) fail with permission denied (say --no-file-caps if this one does not)`,
      upgrade,
    );
  },
};
