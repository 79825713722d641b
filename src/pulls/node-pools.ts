import { z } from 'zod';
import { NodePoolResponseSchema } from '../google/cluster-response';

/**
 * A `nodePools.list` response (container v1), or what `gcloud container node-pools list
 * --format=json` prints (the bare array), or a Cluster (`clusters describe`), which holds its
 * pools under the same key (the schema is the cluster response's: `instanceGroupUrls` name each
 * pool's managed instance groups, whose instances are the pool's nodes).
 */
const NodePoolSchema = NodePoolResponseSchema;
const NodePoolsObject = z.object({ nodePools: z.array(NodePoolSchema).nullish() });
const NodePoolsArray = z.array(NodePoolSchema);

export type NodePool = z.infer<typeof NodePoolSchema>;

/** The node pools, as read for the join. */
export interface NodePools {
  pools: NodePool[];
  /** Node-name prefix (`gke-CLUSTER-POOL-HASH`) -> pool name, from the instance groups. */
  prefixes: Array<{ prefix: string; pool: string }>;
}

/** Validates a pools document; the first problem is the error message. */
export function readNodePools(value: unknown): NodePools | { error: string } {
  // Picked by shape rather than a zod union, so the error names the field that is wrong.
  const parsed = Array.isArray(value)
    ? NodePoolsArray.transform((nodePools) => ({ nodePools })).safeParse(value)
    : NodePoolsObject.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { error: `not a nodePools.list response: ${issue.path.map(String).join('.') || 'whole'}: ${issue.message}` };
  }
  const pools = parsed.data.nodePools ?? [];
  const prefixes = pools.flatMap((pool) =>
    (pool.instanceGroupUrls ?? []).map((url) => ({ prefix: nodePrefixOf(url), pool: pool.name })),
  );
  // Longest first: a prefix that is the start of another (pool `web` and `web-2`) must not win.
  prefixes.sort((a, b) => b.prefix.length - a.prefix.length);
  return { pools, prefixes };
}

/**
 * The instances of a GKE managed instance group `gke-CLUSTER-POOL-HASH-grp` are named
 * `gke-CLUSTER-POOL-HASH-XXXX`: the group's name without `-grp`. (GKE's naming; docs/image-streaming.md does
 * not state it, the instance group URLs and node names of real clusters show it.)
 */
function nodePrefixOf(instanceGroupUrl: string): string {
  const name = instanceGroupUrl.slice(instanceGroupUrl.lastIndexOf('/') + 1);
  return name.replace(/-grp$/, '');
}

/** Which pool a node belongs to, and how we know. */
export interface NodePoolOf {
  pool: string | null;
  source: 'pools list' | 'node name' | 'unknown';
}

/**
 * The node's pool. With a pools list: the instance group whose prefix the node name starts with
 * (exact, whatever dashes the names hold). Without one: the node name `gke-CLUSTER-POOL-HASH-XXXX`
 * read against the cluster's name, POOL being what lies between the cluster and the last two
 * parts (an 8-hex-digit hash and the instance suffix). GKE shortens long cluster and pool names
 * in node names: when the name does not start with the full cluster name, the pool is unknown
 * rather than guessed.
 */
export function poolOfNode(node: string, cluster: string | null, pools?: NodePools): NodePoolOf {
  if (pools) {
    const hit = pools.prefixes.find((p) => node.startsWith(`${p.prefix}-`));
    return hit ? { pool: hit.pool, source: 'pools list' } : { pool: null, source: 'unknown' };
  }
  if (cluster === null) return { pool: null, source: 'unknown' };
  const head = `gke-${cluster}-`;
  if (!node.startsWith(head)) return { pool: null, source: 'unknown' };
  const m = /^(.+)-[0-9a-f]{8}-[0-9a-z]{4}$/.exec(node.slice(head.length));
  return m ? { pool: m[1]!, source: 'node name' } : { pool: null, source: 'unknown' };
}

/** Whether streaming is on for a pool, per the pools list (`config.gcfsConfig.enabled`, absent = off). */
export function poolStreamingOf(pools: NodePools | undefined, pool: string | null): boolean | null {
  if (!pools || pool === null) return null;
  const found = pools.pools.find((p) => p.name === pool);
  return found ? found.config?.gcfsConfig?.enabled === true : null;
}
