import { isAtLeast } from '../versions/gke-version';
import { THRESHOLDS } from '../versions/thresholds';
import { upgradePoolCommand } from './gcloud-commands';
import { CLUSTER_FLAGS, Rule, fail, need, pass } from './rule';

/** Limitation: CMEK-encrypted images stream from 1.25.3-gke.1000; earlier they are downloaded without streaming. */
export const cmek: Rule = {
  id: 'cmek',
  scope: 'pool',
  evaluate({ facts, pool, names }) {
    const min = THRESHOLDS.cmek;
    const version = need(pool.gkeVersion, 'node GKE version', ['--gke-version']);
    if (!version.ok) return version.outcome;
    if (isAtLeast(version.value, min)) {
      return pass(`GKE ${version.value.raw} >= ${min.raw}: CMEK-encrypted images are eligible`);
    }
    const key = need(facts.repositoryCmek, 'repository encryption (CMEK)', ['--cmek', '--no-cmek', ...CLUSTER_FLAGS]);
    if (!key.ok) return key.outcome;
    if (key.value === null) return pass('the repository uses Google-managed encryption');
    return fail(
      `the repository is encrypted with CMEK (${key.value}); before GKE ${min.raw} such images are downloaded without streaming (nodes run ${version.value.raw})`,
      `upgrade the nodes to ${min.raw} or later: ${upgradePoolCommand(names, min.raw)}`,
    );
  },
};
