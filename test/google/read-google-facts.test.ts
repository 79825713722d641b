import { readGoogleFacts } from '../../src/google/read-google-facts';
import { parseImageRef } from '../../src/images/image-ref';
import {
  AR_IMAGE,
  NODE_SA,
  PRIVATE_SUBNET,
  REPOSITORY_NAME,
  SERVICE_NAME,
  TARGETS,
  clusterName,
} from '../fakes/google-apis-scenario';
import { useFakeGoogle } from './google-test-setup';

const { fake, clients } = useFakeGoogle();

const calls = (api: string) => fake().requests.filter((r) => r.api === api);

describe('API enabled (Service Usage)', () => {
  it('is true when containerfilesystem.googleapis.com is ENABLED', async () => {
    const facts = await readGoogleFacts(TARGETS.standard, AR_IMAGE, clients());
    expect(facts.apiEnabled).toEqual({ known: true, value: true, source: 'Service Usage API services.get state' });
    expect(calls('serviceusage').map((r) => r.path)).toEqual([`/v1/${SERVICE_NAME}`]);
  });

  it('is false when the service is DISABLED', async () => {
    (fake().state.services[SERVICE_NAME] as Record<string, unknown>).state = 'DISABLED';
    const facts = await readGoogleFacts(TARGETS.standard, AR_IMAGE, clients());
    expect(facts.apiEnabled).toMatchObject({ known: true, value: false });
  });
});

describe('Private Google Access (Compute Engine subnetworks)', () => {
  it('is read from the Shared VPC subnet named by the cluster when nodes are private', async () => {
    const facts = await readGoogleFacts(TARGETS.private, AR_IMAGE, clients());
    expect(facts.cluster.privateGoogleAccess).toMatchObject({ known: true, value: true });
    expect(calls('compute').map((r) => r.path)).toEqual([`/compute/v1/${PRIVATE_SUBNET}`]);
  });

  it('is false when the subnet has privateIpGoogleAccess off (absent in the JSON)', async () => {
    delete (fake().state.subnetworks[PRIVATE_SUBNET] as Record<string, unknown>).privateIpGoogleAccess;
    const facts = await readGoogleFacts(TARGETS.private, AR_IMAGE, clients());
    expect(facts.cluster.privateGoogleAccess).toMatchObject({ known: true, value: false });
  });

  it('uses the cluster project and the region of a zonal cluster for a bare subnet name', async () => {
    const cluster = fake().state.clusters[clusterName('private')] as Record<string, any>;
    delete cluster.networkConfig.subnetwork;
    const facts = await readGoogleFacts(TARGETS.private, AR_IMAGE, clients());
    expect(calls('compute').map((r) => r.path)).toEqual([
      '/compute/v1/projects/acme-prod/regions/europe-west1/subnetworks/gke-payments',
    ]);
    expect(facts.cluster.privateGoogleAccess).toMatchObject({
      known: false,
      reason: 'subnetwork gke-payments not found in projects/acme-prod/regions/europe-west1',
    });
  });

  it('is not read when no pool has private nodes', async () => {
    const facts = await readGoogleFacts(TARGETS.standard, AR_IMAGE, clients());
    expect(facts.cluster.privateGoogleAccess).toBeUndefined();
    expect(calls('compute')).toEqual([]);
  });
});

describe('repository CMEK (Artifact Registry)', () => {
  it('is null for a repository with Google-managed encryption', async () => {
    const facts = await readGoogleFacts(TARGETS.standard, AR_IMAGE, clients());
    expect(facts.repositoryCmek).toMatchObject({ known: true, value: null });
    expect(calls('artifactregistry').map((r) => r.path)).toEqual([`/v1/${REPOSITORY_NAME}`]);
  });

  it('is the key name for a CMEK repository', async () => {
    const key = 'projects/acme-sec/locations/us-east1/keyRings/ar/cryptoKeys/images';
    (fake().state.repositories[REPOSITORY_NAME] as Record<string, unknown>).kmsKeyName = key;
    const facts = await readGoogleFacts(TARGETS.standard, AR_IMAGE, clients());
    expect(facts.repositoryCmek).toMatchObject({ known: true, value: key });
  });

  it('is not read for an image outside Artifact Registry', async () => {
    const facts = await readGoogleFacts(TARGETS.private, parseImageRef('docker.io/library/nginx:1.25'), clients());
    expect(facts.repositoryCmek).toBeUndefined();
    expect(facts.imageProjectIam).toBeUndefined();
    expect(calls('artifactregistry')).toEqual([]);
    expect(calls('cloudresourcemanager')).toEqual([]);
  });
});

describe('image project IAM (Resource Manager)', () => {
  it('reads the bindings of the image project when a pool uses a custom service account', async () => {
    const facts = await readGoogleFacts(TARGETS.private, AR_IMAGE, clients());
    expect(facts.imageProjectIam).toMatchObject({ known: true });
    expect(facts.imageProjectIam?.known && facts.imageProjectIam.value).toContainEqual({
      role: 'roles/serviceusage.serviceUsageConsumer',
      members: [`serviceAccount:${NODE_SA}`],
    });
    // Version 3, or conditional grants would come back under a mangled role name.
    expect(calls('cloudresourcemanager')).toEqual([
      {
        api: 'cloudresourcemanager',
        method: 'POST',
        path: '/v1/projects/acme-prod:getIamPolicy',
        body: { options: { requestedPolicyVersion: 3 } },
      },
    ]);
  });

  it('keeps the condition of a conditional grant so it is not taken as unconditional', async () => {
    const policy = fake().state.iamPolicies['acme-prod'] as { bindings: Record<string, unknown>[] };
    policy.bindings[1]!.condition = {
      title: 'until 2024',
      expression: "request.time < timestamp('2024-01-01T00:00:00Z')",
    };
    const facts = await readGoogleFacts(TARGETS.private, AR_IMAGE, clients());
    expect(facts.imageProjectIam?.known && facts.imageProjectIam.value[1]).toMatchObject({ condition: 'until 2024' });
  });

  it('is not read when every pool uses the default service account', async () => {
    const facts = await readGoogleFacts(TARGETS.standard, AR_IMAGE, clients());
    expect(facts.imageProjectIam).toBeUndefined();
    expect(calls('cloudresourcemanager')).toEqual([]);
  });
});
