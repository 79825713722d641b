import { createGoogleClients } from '../../src/google/google-clients';
import { readGoogleFacts } from '../../src/google/read-google-facts';
import { FAKE_TOKEN, FakeApi } from '../fakes/google-apis';
import { AR_IMAGE, REPOSITORY_NAME, TARGETS } from '../fakes/google-apis-scenario';
import { useFakeGoogle } from './google-test-setup';

const { fake, clients } = useFakeGoogle();

const calls = (api: string) => fake().requests.filter((r) => r.api === api).length;
const deny = (api: FakeApi) =>
  fake().state.failures.push({ api, status: 403, message: `Permission denied on ${api} (or it may not exist).` });

describe('403 on one API: that fact is unknown naming the permission, the others are still read', () => {
  it('GKE: every cluster and pool fact names container.clusters.get', async () => {
    deny('container');
    const facts = await readGoogleFacts(TARGETS.standard, AR_IMAGE, clients());
    const reason = expect.stringMatching(
      /^missing permission container\.clusters\.get on projects\/acme-prod\/locations\/us-east1\/clusters\/web \(GKE API: Permission denied/,
    );
    expect(facts.cluster.autopilot).toEqual({ known: false, reason });
    expect(facts.pools).toHaveLength(1);
    expect(facts.pools[0]!.imageType).toEqual({ known: false, reason });
    expect(facts.pools[0]!.gkeVersion).toEqual({ known: false, reason });
    expect(facts.apiEnabled).toMatchObject({ known: true, value: true });
    expect(facts.repositoryCmek).toMatchObject({ known: true, value: null });
  });

  it('Service Usage: serviceusage.services.get', async () => {
    deny('serviceusage');
    const facts = await readGoogleFacts(TARGETS.standard, AR_IMAGE, clients());
    expect(facts.apiEnabled).toMatchObject({
      known: false,
      reason: expect.stringContaining(
        'missing permission serviceusage.services.get on projects/acme-prod/services/containerfilesystem.googleapis.com',
      ),
    });
    expect(facts.pools[0]!.imageType).toMatchObject({ known: true, value: 'COS_CONTAINERD' });
  });

  it('Compute Engine: compute.subnetworks.get on the subnet', async () => {
    deny('compute');
    const facts = await readGoogleFacts(TARGETS.private, AR_IMAGE, clients());
    expect(facts.cluster.privateGoogleAccess).toMatchObject({
      known: false,
      reason: expect.stringContaining(
        'missing permission compute.subnetworks.get on projects/acme-network/regions/europe-west1/subnetworks/gke-payments',
      ),
    });
    expect(facts.imageProjectIam).toMatchObject({ known: true });
    expect(facts.pools[0]!.privateNodes).toMatchObject({ known: true, value: true });
  });

  it('Artifact Registry: artifactregistry.repositories.get on the repository', async () => {
    deny('artifactregistry');
    const facts = await readGoogleFacts(TARGETS.standard, AR_IMAGE, clients());
    expect(facts.repositoryCmek).toMatchObject({
      known: false,
      reason: expect.stringContaining(`missing permission artifactregistry.repositories.get on ${REPOSITORY_NAME}`),
    });
    expect(facts.apiEnabled).toMatchObject({ known: true, value: true });
  });

  it('Resource Manager: resourcemanager.projects.getIamPolicy on the image project', async () => {
    deny('cloudresourcemanager');
    const facts = await readGoogleFacts(TARGETS.private, AR_IMAGE, clients());
    expect(facts.imageProjectIam).toMatchObject({
      known: false,
      reason: expect.stringContaining('missing permission resourcemanager.projects.getIamPolicy on projects/acme-prod'),
    });
    expect(facts.cluster.privateGoogleAccess).toMatchObject({ known: true, value: true });
  });
});

describe('404s', () => {
  it('a missing cluster makes every cluster and pool fact unknown, with one pool of unknowns', async () => {
    const facts = await readGoogleFacts({ ...TARGETS.standard, cluster: 'nope' }, AR_IMAGE, clients());
    const missing = { known: false, reason: 'cluster nope not found in projects/acme-prod/locations/us-east1' };
    expect(facts.cluster).toMatchObject({ autopilot: missing, createdVersion: missing, streamingDefault: missing });
    expect(facts.pools).toEqual([
      {
        gkeVersion: missing,
        imageType: missing,
        streamingEnabled: missing,
        oauthScopes: missing,
        serviceAccount: missing,
        privateNodes: missing,
        nodeLocations: missing,
      },
    ]);
    // Without the cluster nothing says a subnet or IAM read is needed.
    expect(calls('compute') + calls('cloudresourcemanager')).toBe(0);
    expect(facts.apiEnabled).toMatchObject({ known: true, value: true });
  });

  it('a missing repository says which repository was not found', async () => {
    delete fake().state.repositories[REPOSITORY_NAME];
    const facts = await readGoogleFacts(TARGETS.standard, AR_IMAGE, clients());
    expect(facts.repositoryCmek).toEqual({
      known: false,
      reason: 'repository web not found in projects/acme-prod/locations/us-east1',
    });
  });
});

describe('transient failures', () => {
  it('retries a 503 and uses the answer that follows', async () => {
    fake().state.failures.push({ api: 'container', status: 503, times: 1 });
    const facts = await readGoogleFacts(TARGETS.standard, AR_IMAGE, clients());
    expect(facts.cluster.autopilot).toMatchObject({ known: true, value: false });
    expect(calls('container')).toBe(2);
  });

  it('retries a 429 on the POST getIamPolicy read too', async () => {
    fake().state.failures.push({ api: 'cloudresourcemanager', status: 429, times: 1 });
    const facts = await readGoogleFacts(TARGETS.private, AR_IMAGE, clients());
    expect(facts.imageProjectIam).toMatchObject({ known: true });
    expect(calls('cloudresourcemanager')).toBe(2);
  });

  it('retries a dropped connection', async () => {
    fake().state.failures.push({ api: 'serviceusage', status: 'drop', times: 1 });
    const facts = await readGoogleFacts(TARGETS.standard, AR_IMAGE, clients());
    expect(facts.apiEnabled).toMatchObject({ known: true, value: true });
    expect(calls('serviceusage')).toBe(2);
  });

  it('gives up after two retries with the API message', async () => {
    fake().state.failures.push({ api: 'serviceusage', status: 503, message: 'The service is currently unavailable.' });
    const facts = await readGoogleFacts(TARGETS.standard, AR_IMAGE, clients());
    expect(facts.apiEnabled).toEqual({
      known: false,
      reason: 'Service Usage API failed (HTTP 503: The service is currently unavailable.)',
    });
    expect(calls('serviceusage')).toBe(3);
    expect(facts.cluster.autopilot).toMatchObject({ known: true });
  });

  it('names the network failure when the connection keeps dropping', async () => {
    fake().state.failures.push({ api: 'serviceusage', status: 'drop' });
    const facts = await readGoogleFacts(TARGETS.standard, AR_IMAGE, clients());
    expect(facts.apiEnabled).toMatchObject({
      known: false,
      reason: expect.stringMatching(/^Service Usage API unreachable: /),
    });
    expect(facts.apiEnabled).not.toMatchObject({ reason: expect.stringContaining('Unexpected Gaxios Error') });
    expect(calls('serviceusage')).toBe(3);
  });

  it('does not retry a 403', async () => {
    deny('artifactregistry');
    await readGoogleFacts(TARGETS.standard, AR_IMAGE, clients());
    expect(calls('artifactregistry')).toBe(1);
  });
});

describe('credentials', () => {
  it('sends the fixed access token, and reports a rejected one as unknown facts', async () => {
    const wrong = createGoogleClients({ endpoints: fake().endpoints, accessToken: 'expired-token', retryDelayMs: 1 });
    const facts = await readGoogleFacts(TARGETS.standard, AR_IMAGE, wrong);
    expect(facts.apiEnabled).toMatchObject({
      known: false,
      reason: expect.stringContaining('rejected the credentials'),
    });
    expect(await wrong.getAccessToken()).toBe('expired-token');
    expect(await clients().getAccessToken()).toBe(FAKE_TOKEN);
  });
});
