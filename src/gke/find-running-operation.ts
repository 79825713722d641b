import type { container_v1 } from 'googleapis/build/src/apis/container';
import { ClusterRef, parseClusterRef, parsePoolName } from './cluster-ref';
import { toGkeError } from './gke-error';
import { OperationRef, OperationResponse, OperationSchema, operationLocation } from './operation-response';

// `.../projects/P/(locations|zones)/L/clusters/C[/nodePools/NP]` at the end of a targetLink. GKE
// writes the project as a number there and uses either segment name, so both are accepted.
const TARGET_RE = /\/projects\/([^/]+)\/(?:locations|zones)\/([^/]+)\/clusters\/([^/]+)(?:\/nodePools\/([^/]+))?\/?$/;

/**
 * The newest operation not yet DONE whose targetLink is the cluster itself (no pool) or that node
 * pool, or null. For idempotency: a job that resumes after a crash waits for it instead of
 * updating again. `operations.list` has no filter, so the list is filtered here.
 */
export async function findRunningOperation(
  container: container_v1.Container,
  ref: ClusterRef,
  pool?: string,
): Promise<OperationRef | null> {
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
  const operations = (Array.isArray(listed) ? listed : [])
    .map((item) => OperationSchema.safeParse(item))
    // An entry we cannot read is not one we could wait for.
    .flatMap((r) => (r.success ? [r.data] : []))
    .filter((op) => op.status !== 'DONE' && targets(op, target, poolName))
    .sort((a, b) => (b.startTime ?? '').localeCompare(a.startTime ?? ''));
  const newest = operations[0];
  if (!newest) return null;
  const location = operationLocation(newest);
  return { name: newest.name, ...(location ? { location } : {}) };
}

function targets(op: OperationResponse, ref: ClusterRef, pool: string | undefined): boolean {
  const m = TARGET_RE.exec(op.targetLink ?? '');
  if (!m) return false;
  const [, project, location, cluster, linkPool] = m;
  const sameProject = project === ref.project || /^\d+$/.test(project ?? '');
  return sameProject && location === ref.location && cluster === ref.cluster && linkPool === pool;
}
