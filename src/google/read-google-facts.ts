import { CheckFacts } from '../facts/types';
import { parseArtifactRegistryImage } from '../images/artifact-registry';
import { ImageRef } from '../images/image-ref';
import { ClusterTarget, parseClusterTarget } from './cluster-target';
import { GoogleClients } from './google-clients';
import { readApiEnabled } from './read-api-enabled';
import { ClusterRead, readCluster } from './read-cluster';
import { readImageProjectIam } from './read-image-project-iam';
import { readPrivateGoogleAccess } from './read-private-google-access';
import { readRepositoryCmek } from './read-repository-cmek';

export type { ClusterTarget } from './cluster-target';

/** The facts the Google APIs give. */
export type GoogleFacts = Pick<CheckFacts, 'apiEnabled' | 'cluster' | 'pools' | 'repositoryCmek' | 'imageProjectIam'>;

/**
 * Reads every Google-side fact for a cluster and an image, concurrently. A failed call becomes an
 * unknown fact and never hides the others; only a bad target or an unknown `--pool` throws (UsageError).
 */
export async function readGoogleFacts(
  target: ClusterTarget,
  image: ImageRef,
  clients: GoogleClients,
): Promise<GoogleFacts> {
  const valid = parseClusterTarget(target);
  const arImage = parseArtifactRegistryImage(image);

  const apiEnabled = readApiEnabled(valid.project, clients);
  const repositoryCmek = arImage ? readRepositoryCmek(arImage, clients) : Promise.resolve(undefined);
  // Subnet and IAM reads depend on what the cluster says, and are skipped when no pool needs them.
  const clusterAndDependents = readCluster(valid, clients).then(async (read: ClusterRead) => {
    const [privateGoogleAccess, imageProjectIam] = await Promise.all([
      read.pools.some((p) => p.privateNodes?.known === true && p.privateNodes.value)
        ? readPrivateGoogleAccess(read.cluster.subnetwork, valid, clients)
        : Promise.resolve(read.cluster.privateGoogleAccess),
      arImage && read.pools.some((p) => p.serviceAccount?.known === true && p.serviceAccount.value !== null)
        ? readImageProjectIam(arImage.project, clients)
        : Promise.resolve(undefined),
    ]);
    return { read, privateGoogleAccess, imageProjectIam };
  });

  // allSettled: a UsageError from the cluster read is thrown only once no request is in flight.
  const [enabled, cmek, dependents] = await Promise.allSettled([apiEnabled, repositoryCmek, clusterAndDependents]);
  if (dependents.status === 'rejected') throw dependents.reason;
  if (enabled.status === 'rejected') throw enabled.reason;
  if (cmek.status === 'rejected') throw cmek.reason;

  const { read, privateGoogleAccess, imageProjectIam } = dependents.value;
  return {
    apiEnabled: enabled.value,
    cluster: { ...read.cluster, ...(privateGoogleAccess ? { privateGoogleAccess } : {}) },
    pools: read.pools,
    ...(cmek.value ? { repositoryCmek: cmek.value } : {}),
    ...(imageProjectIam ? { imageProjectIam } : {}),
  };
}
