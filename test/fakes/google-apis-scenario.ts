/**
 * A filled fake-Google world for the eligibility tests: project acme-prod, three clusters from the
 * fixtures, the Container File System API enabled, an Artifact Registry repository, a Shared VPC
 * subnet and the image project's IAM policy.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseImageRef } from '../../src/images/image-ref';
import { FakeGoogleState, emptyGoogleState } from './google-apis';

/** Cluster fixtures under test/fixtures/google/. */
export type ClusterFixture = 'standard' | 'private' | 'autopilot';

/** Where each fixture cluster lives. */
export const TARGETS = {
  standard: { project: 'acme-prod', location: 'us-east1', cluster: 'web' },
  private: { project: 'acme-prod', location: 'europe-west1-b', cluster: 'payments' },
  autopilot: { project: 'acme-prod', location: 'us-central1', cluster: 'batch' },
} as const;

export const AR_IMAGE = parseImageRef('us-east1-docker.pkg.dev/acme-prod/web/frontend:v5');
export const REPOSITORY_NAME = 'projects/acme-prod/locations/us-east1/repositories/web';
export const SERVICE_NAME = 'projects/acme-prod/services/containerfilesystem.googleapis.com';
export const PRIVATE_SUBNET = 'projects/acme-network/regions/europe-west1/subnetworks/gke-payments';
export const NODE_SA = 'gke-nodes@acme-prod.iam.gserviceaccount.com';

/** A fresh copy of a cluster fixture, safe to mutate. */
export function loadCluster(fixture: ClusterFixture): Record<string, any> {
  const file = path.join(__dirname, '..', 'fixtures', 'google', `cluster-${fixture}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, any>;
}

/** The relative name of a fixture cluster, the key of `state.clusters`. */
export function clusterName(fixture: ClusterFixture): string {
  const t = TARGETS[fixture];
  return `projects/${t.project}/locations/${t.location}/clusters/${t.cluster}`;
}

/** Everything present and readable; tests change what they are about. */
export function scenarioState(): FakeGoogleState {
  const state = emptyGoogleState();
  for (const f of ['standard', 'private', 'autopilot'] as const) state.clusters[clusterName(f)] = loadCluster(f);
  state.services[SERVICE_NAME] = {
    name: 'projects/123456789012/services/containerfilesystem.googleapis.com',
    parent: 'projects/123456789012',
    config: { name: 'containerfilesystem.googleapis.com', title: 'Container File System API' },
    state: 'ENABLED',
  };
  state.repositories[REPOSITORY_NAME] = {
    name: REPOSITORY_NAME,
    format: 'DOCKER',
    mode: 'STANDARD_REPOSITORY',
    createTime: '2023-03-14T09:00:00.000000Z',
    updateTime: '2023-03-14T09:00:00.000000Z',
    sizeBytes: '734003200',
  };
  state.subnetworks[PRIVATE_SUBNET] = {
    kind: 'compute#subnetwork',
    id: '4821901938371234567',
    name: 'gke-payments',
    network: 'https://www.googleapis.com/compute/v1/projects/acme-network/global/networks/shared-vpc',
    ipCidrRange: '10.10.0.0/20',
    gatewayAddress: '10.10.0.1',
    region: 'https://www.googleapis.com/compute/v1/projects/acme-network/regions/europe-west1',
    selfLink:
      'https://www.googleapis.com/compute/v1/projects/acme-network/regions/europe-west1/subnetworks/gke-payments',
    privateIpGoogleAccess: true,
    stackType: 'IPV4_ONLY',
  };
  state.iamPolicies['acme-prod'] = {
    version: 1,
    etag: 'BwX4qXHp3lE=',
    bindings: [
      { role: 'roles/owner', members: ['user:ops@acme.example'] },
      { role: 'roles/serviceusage.serviceUsageConsumer', members: [`serviceAccount:${NODE_SA}`] },
    ],
  };
  return state;
}
