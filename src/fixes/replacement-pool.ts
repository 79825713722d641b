import type { container_v1 } from 'googleapis/build/src/apis/container';
import { STREAMING_SCOPE } from '../classifier/class-advice';
import { UsageError } from '../errors';
import { ApplyOptions, ApplyResult } from '../gke/apply-options';
import { ClusterRef, parseClusterRef, parsePoolName } from '../gke/cluster-ref';
import { findRunningOperation } from '../gke/find-running-operation';
import { getNodePool } from '../gke/get-node-pool';
import { toGkeError } from '../gke/gke-error';
import { parseOperation } from '../gke/poll-operation';
import { clusterPath, describeTarget } from '../gke/resource-names';
import { runOperation } from '../gke/run-operation';
import { SEND_ONCE } from '../gke/send-once';
import { STREAMING_IMAGE_TYPE } from '../gke/status-warnings';
import { waitForOperation } from '../gke/wait-for-operation';

// Fields GKE fills in and a create request must not carry (container v1 NodePool, output only).
const OUTPUT_ONLY = [
  'selfLink',
  'status',
  'statusMessage',
  'instanceGroupUrls',
  'podIpv4CidrSize',
  'etag',
  'conditions',
  'updateInfo',
] as const;

/** The name of the replacement of `pool`: `POOL-ro`, cut to the 40 characters a pool name may have. */
export function replacementPoolName(pool: string): string {
  return `${pool.slice(0, 37).replace(/-+$/, '')}-ro`;
}

/**
 * The create body of a replacement (docs/image-streaming.md: the OAuth scopes of an existing pool cannot change,
 * the fix is a new pool): a copy of the pool's config and settings under `newName`, with the scope
 * `devstorage.read_only` added, image type COS_CONTAINERD and image streaming on.
 */
export function replacementPoolSpec(pool: container_v1.Schema$NodePool, newName: string): container_v1.Schema$NodePool {
  const copy: container_v1.Schema$NodePool = structuredClone(pool);
  for (const field of OUTPUT_ONLY) delete copy[field];
  const scopes = copy.config?.oauthScopes ?? [];
  copy.name = newName;
  copy.config = {
    ...copy.config,
    oauthScopes: scopes.includes(STREAMING_SCOPE) ? scopes : [...scopes, STREAMING_SCOPE],
    imageType: STREAMING_IMAGE_TYPE,
    gcfsConfig: { enabled: true },
  };
  return copy;
}

/** The gcloud command that creates the same replacement, for "Show gcloud command". */
export function gcloudReplacementPoolCommand(
  ref: ClusterRef,
  pool: container_v1.Schema$NodePool,
  newName: string,
): string {
  const spec = replacementPoolSpec(pool, newName);
  const config = spec.config ?? {};
  const flags: string[] = [
    `--cluster=${ref.cluster}`,
    `--location=${ref.location}`,
    `--project=${ref.project}`,
    `--image-type=${STREAMING_IMAGE_TYPE}`,
    '--enable-image-streaming',
    `--scopes=${(config.oauthScopes ?? []).join(',')}`,
  ];
  const add = (flag: string, value: unknown) => {
    if (value !== undefined && value !== null && value !== '') flags.push(`--${flag}=${String(value)}`);
  };
  add('machine-type', config.machineType);
  add('disk-type', config.diskType);
  add('disk-size', config.diskSizeGb);
  if (config.serviceAccount && config.serviceAccount !== 'default') add('service-account', config.serviceAccount);
  add('node-version', spec.version);
  add('num-nodes', spec.initialNodeCount);
  if (spec.locations && spec.locations.length > 0) add('node-locations', spec.locations.join(','));
  if (spec.autoscaling?.enabled) {
    flags.push('--enable-autoscaling');
    add('min-nodes', spec.autoscaling.minNodeCount);
    add('max-nodes', spec.autoscaling.maxNodeCount);
  }
  return `gcloud container node-pools create ${newName} ${flags.map(shellWord).join(' ')}`;
}

/**
 * Creates the replacement of `poolName` (`POST .../nodePools`, container.clusters.update) and
 * follows the operation to DONE like applyStreamingChange. Idempotent: when the replacement
 * already exists (a resumed job), it waits for the operation still creating it, if any, and
 * returns (then `operation` is '' and `reusedOperation` true when there was none).
 */
export async function createReplacementPool(
  container: container_v1.Container,
  input: ClusterRef,
  poolName: string,
  options: ApplyOptions = {},
): Promise<ApplyResult & { newPool: string }> {
  const ref = parseClusterRef(input);
  const source = parsePoolName(poolName);
  const newPool = replacementPoolName(source);
  const existing = await getNodePool(container, ref, newPool);
  if (existing) {
    assertReplacement(existing, ref, newPool);
    const running = await findRunningOperation(container, ref, newPool);
    if (running) return { ...(await waitForOperation(container, ref, running, options)), newPool };
    return { operation: '', status: 'DONE', reusedOperation: true, newPool };
  }
  const pool = await getNodePool(container, ref, source);
  if (!pool) throw new UsageError(`node pool "${source}" not found in cluster ${ref.cluster}`);
  const body = { nodePool: replacementPoolSpec(pool, newPool) };
  const parent = clusterPath(ref);
  const result = await runOperation(
    container,
    ref,
    {
      send: async () => {
        try {
          const res = await container.projects.locations.clusters.nodePools.create(
            { parent, requestBody: body },
            SEND_ONCE,
          );
          return parseOperation(res.data, parent);
        } catch (err) {
          throw toGkeError(err, {
            action: 'create node pool in',
            resource: describeTarget(ref),
            permission: 'container.clusters.update',
          });
        }
      },
      isDone: async () => (await getNodePool(container, ref, newPool)) !== null,
      starts: { pool: newPool, operationType: 'CREATE_NODE_POOL' },
    },
    options,
  );
  return { ...result, newPool };
}

/** A pool of that name that is not a streaming pool with the scope is someone else's: say so, touch nothing. */
function assertReplacement(pool: container_v1.Schema$NodePool, ref: ClusterRef, name: string): void {
  const scoped = pool.config?.oauthScopes?.includes(STREAMING_SCOPE) === true;
  if (!scoped || pool.config?.gcfsConfig?.enabled !== true) {
    throw new UsageError(
      `node pool ${name} already exists in cluster ${ref.cluster} without image streaming and scope ${STREAMING_SCOPE}: rename or delete it first`,
    );
  }
}

// Values come from GKE (names validated, scopes are URLs); quote anything unusual all the same.
function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
