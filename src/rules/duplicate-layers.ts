import { isAtLeast } from '../versions/gke-version';
import { THRESHOLDS } from '../versions/thresholds';
import { upgradePoolCommand } from './gcloud-commands';
import { Rule, fail, need, pass } from './rule';

/** Limitation: images with duplicate layers stream only from GKE 1.28; earlier they are downloaded without streaming. */
export const duplicateLayers: Rule = {
  id: 'duplicate-layers',
  scope: 'pool',
  evaluate({ facts, pool, names }) {
    const min = THRESHOLDS.duplicateLayers;
    const version = need(pool.gkeVersion, 'node GKE version', ['--gke-version']);
    // From 1.28 the manifest does not matter: no need to have read it.
    if (version.ok && isAtLeast(version.value, min)) {
      return pass(`GKE ${version.value.raw} >= 1.28: images with duplicate layers are eligible`);
    }
    const manifest = need(facts.manifest, 'image manifest', ['--manifest', 'registry access']);
    if (!manifest.ok) return manifest.outcome;
    // `docker inspect` lists diff IDs; the manifest lists compressed digests: a repeat in either counts.
    const duplicates = new Set([...repeated(manifest.value.layers), ...repeated(manifest.value.diffIds ?? [])]);
    if (duplicates.size === 0) return pass('no duplicate layers');
    const list = [...duplicates].map((d) => d.slice(0, 19)).join(', ');
    if (!version.ok) return { ...version.outcome, reason: `duplicate layers (${list}); ${version.outcome.reason}` };
    return fail(
      `the image has duplicate layers (${list}): before GKE 1.28 it is downloaded without streaming (nodes run ${version.value.raw})`,
      `rebuild the image without duplicate layers, or upgrade the nodes to 1.28 or later (${upgradePoolCommand(names, '1.28')})`,
    );
  },
};

function repeated(digests: string[]): string[] {
  const seen = new Set<string>();
  return digests.filter((d) => seen.has(d) || !seen.add(d));
}
