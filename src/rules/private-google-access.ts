import { regionOf } from '../locations/gcp-location';
import { CLUSTER_FLAGS, Rule, fail, need, pass } from './rule';

/** Requirement: private nodes reach the streaming service only with Private Google Access on their subnet. */
export const privateGoogleAccess: Rule = {
  id: 'private-google-access',
  scope: 'pool',
  evaluate({ facts, pool, names }) {
    const priv = need(pool.privateNodes, 'whether nodes are private', ['--private-nodes', ...CLUSTER_FLAGS]);
    if (!priv.ok) return priv.outcome;
    if (!priv.value) return pass('does not apply: nodes are not private');
    const pga = need(facts.cluster.privateGoogleAccess, "Private Google Access on the nodes' subnet", [
      '--private-google-access',
      ...CLUSTER_FLAGS,
    ]);
    if (!pga.ok) return pga.outcome;
    const subnet = facts.cluster.subnetwork ?? 'SUBNET';
    if (pga.value) return pass(`private nodes; Private Google Access is on for ${subnet}`);
    return fail(
      `private nodes, and Private Google Access is off on ${subnet}: nodes cannot reach the image streaming service`,
      `gcloud compute networks subnets update ${subnet.split('/').pop()} --region=${regionOf(names.location)} --project=${names.project} --enable-private-ip-google-access`,
    );
  },
};
