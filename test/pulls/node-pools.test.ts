import { poolOfNode, readNodePools } from '../../src/pulls/node-pools';
import { fixturePools } from './load-events';

describe('which pool a node belongs to', () => {
  const pools = fixturePools();

  it('uses the instance groups of the pools list, whatever dashes the names hold', () => {
    expect(poolOfNode('gke-prod-1-batch-pool-7e1b2c3d-q8r3', 'prod-1', pools)).toEqual({
      pool: 'batch-pool',
      source: 'pools list',
    });
    // The second zone's instance group of the same pool.
    expect(poolOfNode('gke-prod-1-web-d1c9a2f3-ab12', 'prod-1', pools)).toEqual({ pool: 'web', source: 'pools list' });
    expect(poolOfNode('gke-prod-1-other-12345678-ab12', 'prod-1', pools).pool).toBeNull();
  });

  it('without a list, reads POOL between the cluster name and the hash', () => {
    expect(poolOfNode('gke-prod-1-batch-pool-7e1b2c3d-q8r3', 'prod-1')).toEqual({
      pool: 'batch-pool',
      source: 'node name',
    });
    expect(poolOfNode('gke-riptide-cluster-default-pool-f1552ec4-0pjv', 'riptide-cluster').pool).toBe('default-pool');
  });

  it('does not guess when the name does not start with the cluster’s (GKE shortens long names)', () => {
    expect(poolOfNode('gke-very-long-cluster-na-default-pool-f1552ec4-0pjv', 'very-long-cluster-name').pool).toBeNull();
    expect(poolOfNode('gke-prod-1-web-nothex!-0pjv', 'prod-1').pool).toBeNull();
    expect(poolOfNode('gke-prod-1-web-3f2a9c1d-x7k2', null).pool).toBeNull();
  });

  it('reads a nodePools.list response, the bare array gcloud prints, and refuses anything else', () => {
    expect('error' in readNodePools([{ name: 'web' }])).toBe(false);
    expect(readNodePools({ nodePools: [{ config: {} }] })).toEqual({
      error: expect.stringContaining('nodePools.0.name'),
    });
  });
});
