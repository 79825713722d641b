import { parseArtifactRegistryImage } from '../images/artifact-registry';
import { Rule, fail, pass } from './rule';

/** Requirement: the image is stored in Artifact Registry (`LOCATION-docker.pkg.dev/...`). */
export const artifactRegistry: Rule = {
  id: 'artifact-registry',
  scope: 'cluster',
  evaluate({ facts }) {
    const ar = parseArtifactRegistryImage(facts.image);
    if (ar) return pass(`Artifact Registry repository ${ar.project}/${ar.repository} in ${ar.location}`);
    return fail(
      `${facts.image.host} is not an Artifact Registry host (LOCATION-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE)`,
      "move the image to Artifact Registry (LOCATION-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE), in the nodes' region or the multi-region that contains it",
    );
  },
};
