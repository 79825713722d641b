/** requestQuotaIncrease against the Cloud Quotas fake, through the real google-gax REST client. */
import type { CloudQuotasClient } from '@google-cloud/cloudquotas';
import { RemoteError, UsageError } from '../../src/errors';
import { createQuotasClient, requestQuotaIncrease } from '../../src/fixes/quota-increase';
import { CloudQuotasFake, containerFilesystemQuotaInfos, startCloudQuotasFake } from '../fakes/cloud-quotas-api';
import { FAKE_TOKEN } from '../fakes/http-fake';

const SERVICE = 'projects/acme-prod/locations/global/services/containerfilesystem.googleapis.com';
const input = { project: 'acme-prod', region: 'us-east1', multiple: 2, justification: 'gcfsd quota errors on shop' };

let fake: CloudQuotasFake;
let client: CloudQuotasClient;
beforeAll(async () => {
  fake = await startCloudQuotasFake();
  client = createQuotasClient({ endpoint: fake.url, accessToken: FAKE_TOKEN });
});
afterAll(async () => {
  await client.close();
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  fake.quotaInfos[SERVICE] = containerFilesystemQuotaInfos('acme-prod');
});

describe('requestQuotaIncrease', () => {
  it('finds both content-request quotas (paging), reads the regional value, and asks for the multiple', async () => {
    const sent = await requestQuotaIncrease(client, { ...input, contactEmail: 'ops@acme.example' });
    expect(sent).toEqual([
      {
        quotaId: 'ContentRequestsPerMinutePerProjectPerRegion',
        from: 12000,
        to: 24000,
        preference: expect.stringMatching(
          /^projects\/acme-prod\/locations\/global\/quotaPreferences\/imagestream-us-east1-/,
        ),
      },
      { quotaId: 'ContentRequestsPerProjectPerRegion', from: 100000, to: 200000, preference: expect.any(String) },
    ]);
    const lists = fake.requests.filter((r) => r.route === 'ListQuotaInfos');
    expect(lists.length).toBeGreaterThanOrEqual(2);
    const creates = fake.requests.filter((r) => r.route === 'CreateQuotaPreference');
    expect(creates).toHaveLength(2);
    expect(creates[0]!.path).toBe('/v1/projects/acme-prod/locations/global/quotaPreferences');
    expect(creates[0]!.body).toEqual({
      service: 'containerfilesystem.googleapis.com',
      quotaId: 'ContentRequestsPerMinutePerProjectPerRegion',
      dimensions: { region: 'us-east1' },
      quotaConfig: expect.objectContaining({ preferredValue: '24000' }),
      justification: 'gcfsd quota errors on shop',
      contactEmail: 'ops@acme.example',
    });
    expect(creates[0]!.query.quotaPreferenceId).toMatch(/^imagestream-us-east1-contentrequests/);
  });

  it('uses the default value for a region without its own', async () => {
    const sent = await requestQuotaIncrease(client, { ...input, region: 'europe-west1', multiple: 1.5 });
    expect(sent[0]).toMatchObject({ from: 6000, to: 9000 });
  });

  it('is idempotent: a second run finds its preferences instead of asking twice', async () => {
    await requestQuotaIncrease(client, input);
    const again = await requestQuotaIncrease(client, input);
    expect(again.map((q) => q.to)).toEqual([24000, 200000]);
    expect(Object.keys(fake.preferences)).toHaveLength(2);
  });

  it('names the missing permission on a 403', async () => {
    fake.faults.push({ route: 'CreateQuotaPreference', status: 403, message: 'Permission denied on resource' });
    const err = await requestQuotaIncrease(client, input).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteError);
    expect((err as Error).message).toContain('cloudquotas.quotas.update');
    expect((err as RemoteError).status).toBe(403);
  });

  it('says so when the service lists no such quota', async () => {
    fake.quotaInfos[SERVICE] = [];
    await expect(requestQuotaIncrease(client, input)).rejects.toThrow(/Content requests per project per region/);
  });

  it('validates its input before any call', async () => {
    await expect(requestQuotaIncrease(client, { ...input, multiple: 1 })).rejects.toThrow(UsageError);
    await expect(requestQuotaIncrease(client, { ...input, region: 'us-east1-b' })).rejects.toThrow(UsageError);
    expect(fake.requests).toHaveLength(0);
  });
});
