import type { container_v1 } from 'googleapis/build/src/apis/container';
import { ClusterRef, parseClusterRef, parsePoolName } from './cluster-ref';
import { toGkeError } from './gke-error';
import { OperationResponse, OperationSchema } from './operation-response';

// `.../projects/P/(locations|zones)/L/clusters/C[/nodePools/NP]` at the end of a targetLink. GKE
// writes the project as a number there and uses either segment name, so both are accepted.
const TARGET_RE = /\/projects\/([^/]+)\/(?:locations|zones)\/([^/]+)\/clusters\/([^/]+)(?:\/nodePools\/([^/]+))?\/?$/;

/**
 * Every operation GKE lists whose targetLink is the cluster itself (no pool) or that node pool,
 * any status, newest first. `operations.list` has no filter, so the list is filtered here.
 */
export async function listTargetOperations(
  container: container_v1.Container,
  ref: ClusterRef,
  pool?: string,
): Promise<OperationResponse[]> {
  const target = parseClusterRef(ref);
  const poolName = pool === undefined ? undefined : parsePoolName(pool);
  const parent = `projects/${target.project}/locations/${target.location}`;
  let data: unknown;
  try {
    data = (await container.projects.locations.operations.list({ parent })).data;
  } catch (err) {
    throw toGkeError(err, {
      action: 'list operations in',
      resource: parent,
      permission: 'container.operations.list',
    });
  }
  const listed = (data as { operations?: unknown } | null)?.operations;
  return (
    (Array.isArray(listed) ? listed : [])
      .map((item) => OperationSchema.safeParse(item))
      // An entry we cannot read is not one we could wait for.
      .flatMap((r) => (r.success ? [r.data] : []))
      .filter((op) => targets(op, target, poolName))
      .sort((a, b) => (b.startTime ?? '').localeCompare(a.startTime ?? ''))
  );
}

function targets(op: OperationResponse, ref: ClusterRef, pool: string | undefined): boolean {
  const m = TARGET_RE.exec(op.targetLink ?? '');
  if (!m) return false;
  const [, project, location, cluster, linkPool] = m;
  const sameProject = project === ref.project || /^\d+$/.test(project ?? '');
  return sameProject && location === ref.location && cluster === ref.cluster && linkPool === pool;
}
