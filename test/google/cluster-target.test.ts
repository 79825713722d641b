import { UsageError } from '../../src/errors';
import { parseClusterTarget } from '../../src/google/cluster-target';
import { regionOf } from '../../src/locations/gcp-location';
import { readGoogleFacts } from '../../src/google/read-google-facts';
import { AR_IMAGE, TARGETS } from '../fakes/google-apis-scenario';
import { useFakeGoogle } from './google-test-setup';

const { fake, clients } = useFakeGoogle();

describe('cluster target validation', () => {
  it.each([
    ['project', { ...TARGETS.standard, project: 'Acme' }, /invalid project "Acme"/],
    ['project', { ...TARGETS.standard, project: 'acme/../../x' }, /invalid project/],
    ['location', { ...TARGETS.standard, location: 'us-east1-bb' }, /invalid location "us-east1-bb": must be a region/],
    ['location', { ...TARGETS.standard, location: 'us' }, /invalid location/],
    ['cluster', { ...TARGETS.standard, cluster: 'Web_1' }, /invalid cluster "Web_1"/],
    ['cluster', { ...TARGETS.standard, cluster: 'a'.repeat(41) }, /invalid cluster/],
    ['cluster', { ...TARGETS.standard, cluster: 'web-' }, /invalid cluster/],
    ['pool', { ...TARGETS.standard, pool: 'pool?x=1' }, /invalid pool "pool\?x=1"/],
  ])('rejects a bad %s before any request is made', async (_field, target, message) => {
    const run = readGoogleFacts(target, AR_IMAGE, clients());
    await expect(run).rejects.toBeInstanceOf(UsageError);
    await expect(run).rejects.toThrow(message);
    expect(fake().requests).toEqual([]);
  });

  it('names a missing field', () => {
    expect(() => parseClusterTarget({ project: 'acme-prod', location: 'us-east1' })).toThrow(
      /invalid cluster \(missing\)/,
    );
  });

  it('accepts regions, zones and a 40-character cluster name', () => {
    expect(
      parseClusterTarget({ project: 'acme-prod', location: 'northamerica-northeast1', cluster: 'a'.repeat(40) }),
    ).toEqual({ project: 'acme-prod', location: 'northamerica-northeast1', cluster: 'a'.repeat(40) });
    expect(parseClusterTarget({ ...TARGETS.private, pool: 'secure-pool' }).location).toBe('europe-west1-b');
  });

  it('derives the region of a zone and keeps a region as is', () => {
    expect(regionOf('europe-west1-b')).toBe('europe-west1');
    expect(regionOf('us-east1')).toBe('us-east1');
  });
});
