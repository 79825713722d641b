import { poolOfNode } from '../../src/fixes/pool-of-node';

const POOLS = ['default-pool', 'gpu-pool', 'legacy-pool'];

describe('poolOfNode', () => {
  it.each([
    ['gke-shop-default-pool-1a2b3c4d-x7k2', 'shop', POOLS, 'default-pool'],
    ['gke-shop-gpu-pool-0badcafe-abcd', 'shop', POOLS, 'gpu-pool'],
    // Cluster and pool cut short in a long node name.
    [
      'gke-very-long-cluster-nam-very-long-pool-n-1a2b3c4d-x7k2',
      'very-long-cluster-name-here',
      ['very-long-pool-name'],
      'very-long-pool-name',
    ],
    // A pool whose name is a prefix of another: the exact one wins.
    ['gke-shop-web-1a2b3c4d-x7k2', 'shop', ['web', 'web-ro'], 'web'],
    ['gke-shop-web-ro-1a2b3c4d-x7k2', 'shop', ['web', 'web-ro'], 'web-ro'],
  ])('%s in %s -> %s', (node, cluster, pools, expected) => {
    expect(poolOfNode(cluster, pools, node)).toBe(expected);
  });

  it.each([
    ['no node', null, POOLS],
    ['not a GKE node name', 'worker-1', POOLS],
    ['another cluster', 'gke-blog-default-pool-1a2b3c4d-x7k2', POOLS],
    ['no such pool', 'gke-shop-batch-1a2b3c4d-x7k2', POOLS],
    // Cut to "web-r": both web-ro and web-rx fit.
    ['ambiguous cut', 'gke-shop-web-r-1a2b3c4d-x7k2', ['web-ro', 'web-rx']],
  ])('%s -> null', (_why, node, pools) => {
    expect(poolOfNode('shop', pools, node)).toBeNull();
  });
});
