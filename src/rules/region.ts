import { isMultiRegion, parseArtifactRegistryImage } from '../images/artifact-registry';
import { regionOf } from '../locations/gcp-location';
import { MULTI_REGION_MEMBERS, SAME_REGION_ONLY, multiRegionOf } from './region-table';
import { CLUSTER_FLAGS, Rule, RuleOutcome, fail, need, pass, unknown } from './rule';

/** Limitation: the repository is in the nodes' region, or in the multi-region that contains it. */
export const region: Rule = {
  id: 'region',
  scope: 'pool',
  evaluate({ facts, pool }) {
    const ar = parseArtifactRegistryImage(facts.image);
    if (!ar) return pass('does not apply: the image is not in Artifact Registry (see artifact-registry)');
    const locations = need(pool.nodeLocations, 'node location', ['--node-location', ...CLUSTER_FLAGS]);
    if (!locations.ok) return locations.outcome;
    const regions = [...new Set(locations.value.map(regionOf))];
    const outcomes = regions.map((r) => regionOutcome(ar.location, r));
    return outcomes.find((o) => o.status === 'fail') ?? outcomes.find((o) => o.status === 'unknown') ?? outcomes[0]!;
  },
};

function regionOutcome(repo: string, nodeRegion: string): RuleOutcome {
  const fix = `move the image to an Artifact Registry repository in ${nodeRegion}${
    multiRegionOf(nodeRegion) && !SAME_REGION_ONLY.includes(nodeRegion)
      ? ` or the ${multiRegionOf(nodeRegion)} multi-region`
      : ''
  } (${nodeRegion}-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE)`;
  if (repo === nodeRegion) return pass(`repository and nodes are both in ${nodeRegion}`);
  if (!isMultiRegion(repo)) {
    return fail(`repository is in ${repo}, nodes in ${nodeRegion}: they must be in the same region`, fix);
  }
  if (SAME_REGION_ONLY.includes(nodeRegion)) {
    return fail(
      `nodes in ${nodeRegion} stream only from a repository in the same region, not the ${repo} multi-region`,
      fix,
    );
  }
  const home = multiRegionOf(nodeRegion);
  if (home === repo) return pass(`repository is in the ${repo} multi-region, which contains ${nodeRegion}`);
  if (home !== undefined) {
    return fail(
      `repository is in the ${repo} multi-region, which does not contain ${nodeRegion} (it belongs to ${home})`,
      fix,
    );
  }
  return unknown(
    `whether the ${repo} multi-region serves nodes in ${nodeRegion} is not settled (known: ${Object.keys(MULTI_REGION_MEMBERS).join(', ')} by region prefix)`,
    fix,
  );
}
