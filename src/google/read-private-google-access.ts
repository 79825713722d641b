import { Fact, known, unknownFact } from '../facts/fact';
import { apiErrorReason } from './api-error-reason';
import { regionOf } from '../locations/gcp-location';
import { ClusterTarget } from './cluster-target';
import { GoogleClients } from './google-clients';

/** A Compute Engine subnetwork, split for `compute.subnetworks.get`. */
export interface SubnetworkRef {
  project: string;
  region: string;
  subnetwork: string;
}

const FULL_NAME_RE = /(?:^|\/)projects\/([^/]+)\/regions\/([^/]+)\/subnetworks\/([^/]+)$/;
const SHORT_NAME_RE = /^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Splits GKE's `networkConfig.subnetwork` (`projects/P/regions/R/subnetworks/S`, possibly a full
 * URL; P is the host project under Shared VPC). A bare name lives in the cluster's project and region.
 */
export function parseSubnetwork(name: string, target: ClusterTarget): SubnetworkRef | undefined {
  const full = FULL_NAME_RE.exec(name);
  if (full) return { project: full[1]!, region: full[2]!, subnetwork: full[3]! };
  if (SHORT_NAME_RE.test(name)) return { project: target.project, region: regionOf(target.location), subnetwork: name };
  return undefined;
}

/** Whether Private Google Access is on for the nodes' subnet (`subnetworks.get privateIpGoogleAccess`). */
export async function readPrivateGoogleAccess(
  subnetworkName: string | undefined,
  target: ClusterTarget,
  clients: GoogleClients,
): Promise<Fact<boolean>> {
  if (!subnetworkName)
    return unknownFact('GKE API cluster.networkConfig.subnetwork is absent: cannot tell which subnet to check');
  const ref = parseSubnetwork(subnetworkName, target);
  if (!ref)
    return unknownFact(
      `GKE API cluster.networkConfig.subnetwork "${subnetworkName.slice(0, 200)}" is not a subnetwork name`,
    );
  const resource = `projects/${ref.project}/regions/${ref.region}/subnetworks/${ref.subnetwork}`;
  try {
    const { data } = await clients.compute.subnetworks.get(ref);
    return known(data.privateIpGoogleAccess === true, 'Compute Engine API subnetworks.get privateIpGoogleAccess');
  } catch (err) {
    return unknownFact(
      apiErrorReason(err, {
        api: 'Compute Engine API',
        permission: 'compute.subnetworks.get',
        resource,
        notFound: `subnetwork ${ref.subnetwork} not found in projects/${ref.project}/regions/${ref.region}`,
      }),
    );
  }
}
