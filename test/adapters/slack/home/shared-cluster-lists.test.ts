/** Concurrent Home refreshes share one clusters.list per project; later ones read afresh. */
import { sharedClusterLists } from '../../../../adapters/slack/home/shared-cluster-lists';
import { SHOP, useGkeFake } from '../../../gke/gke-test-setup';

const gke = useGkeFake();
const lists = () => gke.fake().requests.filter((r) => r.route === 'clusters.list').length;

it('sends one clusters.list for refreshes running together, and a new one after it answered', async () => {
  const listClusters = sharedClusterLists(gke.container());
  const [a, b, c] = await Promise.all([1, 2, 3].map(() => listClusters(SHOP.project)));
  expect(lists()).toBe(1);
  expect(a.clusters.map((cl) => cl.name)).toContain(SHOP.cluster);
  expect(b).toBe(a);
  expect(c).toBe(a);

  // Nothing is cached: a refresh after a change must see the change.
  await listClusters(SHOP.project);
  expect(lists()).toBe(2);
});
