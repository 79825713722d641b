/*
 * docs/image-streaming.md has no fact linking a node to its pool: a gcfsd entry names only `node_name`. What
 * is used here is GKE's naming convention for Compute Engine nodes, `gke-CLUSTER-POOL-HASH-SUFFIX`
 * (HASH 8 hex digits), where CLUSTER and POOL may be cut short to keep the name within limits. It
 * is a guess from a convention, so anything ambiguous is null: a wrong pool would mean replacing
 * or upgrading the wrong nodes.
 */
const NODE_RE = /^gke-(.+)-[0-9a-f]{8}-[a-z0-9]{1,8}$/;

/**
 * The pool of `cluster` (one of `pools`) that node `nodeName` belongs to, by GKE's node naming
 * convention; null when the name does not follow it, no pool fits, or more than one does.
 */
export function poolOfNode(cluster: string, pools: string[], nodeName: string | null): string | null {
  const m = nodeName ? NODE_RE.exec(nodeName) : null;
  if (!m) return null;
  const middle = m[1]!;
  // Every split of "CLUSTER-POOL" at a hyphen: the left part must start the cluster name, the right the pool's.
  const splits: Array<[string, string]> = [];
  for (let i = middle.indexOf('-'); i > 0; i = middle.indexOf('-', i + 1)) {
    splits.push([middle.slice(0, i), middle.slice(i + 1)]);
  }
  const fits = (pool: string, exact: boolean) =>
    splits.some(
      ([c, p]) => c.length > 0 && p.length > 0 && cluster.startsWith(c) && (exact ? p === pool : pool.startsWith(p)),
    );
  const exact = pools.filter((p) => fits(p, true));
  if (exact.length === 1) return exact[0]!;
  if (exact.length > 1) return null;
  const cut = pools.filter((p) => fits(p, false));
  return cut.length === 1 ? cut[0]! : null;
}
