import { Fact, known, unknownFact } from '../facts/fact';
import { ArtifactRegistryImage } from '../images/artifact-registry';
import { apiErrorReason } from './api-error-reason';
import { GoogleClients } from './google-clients';

/**
 * The CMEK key of the image's Artifact Registry repository (`repositories.get` `kmsKeyName`);
 * null = Google-managed encryption.
 */
export async function readRepositoryCmek(
  image: ArtifactRegistryImage,
  clients: GoogleClients,
): Promise<Fact<string | null>> {
  const parent = `projects/${image.project}/locations/${image.location}`;
  const name = `${parent}/repositories/${image.repository}`;
  try {
    const { data } = await clients.artifactregistry.projects.locations.repositories.get({ name });
    const key = typeof data.kmsKeyName === 'string' && data.kmsKeyName.length > 0 ? data.kmsKeyName : null;
    return known(key, 'Artifact Registry API repositories.get kmsKeyName');
  } catch (err) {
    return unknownFact(
      apiErrorReason(err, {
        api: 'Artifact Registry API',
        permission: 'artifactregistry.repositories.get',
        resource: name,
        notFound: `repository ${image.repository} not found in ${parent}`,
      }),
    );
  }
}
