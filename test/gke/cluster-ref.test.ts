import { UsageError } from '../../src/errors';
import { clusterRefSchema, parseClusterRef, parsePoolName, poolNameSchema } from '../../src/gke/cluster-ref';

describe('cluster references', () => {
  it('keeps the known fields of a valid reference', () => {
    expect(parseClusterRef({ project: 'acme-prod', location: 'europe-west1-b', cluster: 'shop', extra: 1 })).toEqual({
      project: 'acme-prod',
      location: 'europe-west1-b',
      cluster: 'shop',
    });
  });

  it.each([
    [
      { project: 'acme-prod', location: 'europe-west1', cluster: 'Shop' },
      /^invalid cluster "Shop": must be 1-40 lowercase/,
    ],
    [{ project: 'acme-prod', location: 'mars-1', cluster: 'shop' }, /^invalid location "mars-1"/],
    [{ project: 'A', location: 'europe-west1', cluster: 'shop' }, /^invalid project "A"/],
    [{ project: 'acme-prod', location: 'europe-west1' }, /^invalid cluster reference cluster: must be a string/],
  ])('rejects %j with a message naming the field', (input, message) => {
    expect(() => parseClusterRef(input)).toThrow(UsageError);
    expect(() => parseClusterRef(input)).toThrow(message);
    expect(clusterRefSchema.safeParse(input).success).toBe(false);
  });

  it('checks pool names with the cluster name rule', () => {
    expect(parsePoolName('gpu-pool')).toBe('gpu-pool');
    expect(poolNameSchema.safeParse('a'.repeat(40)).success).toBe(true);
    expect(() => parsePoolName('a'.repeat(41))).toThrow(/^invalid pool "a{41}"/);
    expect(() => parsePoolName(undefined)).toThrow('invalid pool: must be a string');
  });
});
