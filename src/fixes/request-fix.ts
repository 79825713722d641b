import type { container_v1 } from 'googleapis/build/src/apis/container';
import type { ApprovalRequest, ChangeTarget } from '../approvals/approval-request';
import type { ApprovalStore } from '../approvals/approval-store';
import type { FixParams } from '../approvals/fix-params';
import type { ConversationRef } from '../chat/conversation-ref';
import type { PrincipalId } from '../chat/principal-id';
import { STREAMING_SCOPE } from '../classifier/class-advice';
import { UsageError } from '../errors';
import { ClusterRef, parseClusterRef, parsePoolName } from '../gke/cluster-ref';
import { getNodePool } from '../gke/get-node-pool';
import { planStreamingChange } from '../gke/plan-streaming-change';
import { readClusterStatus } from '../gke/read-cluster-status';
import { PostApprovalDeps, postApprovalRequest } from '../approvals/post-approval-request';
import { poolOfNode } from './pool-of-node';
import { gcloudReplacementPoolCommand, replacementPoolName } from './replacement-pool';
import { symlinkFixTarget } from './upgrade-pool';

/** What requestFixApproval uses (a WorkerDeps fits; the web side needs a container client too). */
export interface FixRequestDeps extends PostApprovalDeps {
  container: container_v1.Container;
  approvals: Pick<ApprovalStore, 'create'> & PostApprovalDeps['approvals'];
}

/** The fix asked for from an alert's button. */
export type FixRequest =
  | { action: 'replace-pool' | 'upgrade-pool' | 'disable-pool' }
  | { action: 'quota-increase'; multiple: number; justification: string; contactEmail?: string };

/** Who asks, where, and for which cluster; the pool is given, or worked out from the alert's node. */
export interface FixRequestInput {
  fix: FixRequest;
  ref: ClusterRef;
  pool?: string;
  /** The alert sample's node, when no pool is given (see pool-of-node.ts). */
  node?: string | null;
  /** Whoever clicked. */
  requestedBy: PrincipalId;
  /** Where to post the approval request: the alert's conversation, in its thread when set. */
  conversation: ConversationRef;
}

/** The approval request posted, or why there is nothing to approve (said to the clicker). */
export type FixRequestOutcome =
  { kind: 'requested'; request: ApprovalRequest } | { kind: 'nothing_to_do'; message: string };

/**
 * From a fix button to an approval request: reads the current state (the pool, its version, its
 * streaming setting), works out the change, stores the request and posts it with Approve / Deny
 * (like jobs/request-change.ts), audits it and queues its expiry. Nothing changes until an
 * approver clicks Approve (the `apply` job). UsageError for what the clicker must fix.
 */
export async function requestFixApproval(deps: FixRequestDeps, input: FixRequestInput): Promise<FixRequestOutcome> {
  const ref = parseClusterRef(input.ref);
  const planned = await planFix(deps.container, ref, input);
  if ('nothing' in planned) return { kind: 'nothing_to_do', message: planned.nothing };
  const request = await deps.approvals.create({
    action: input.fix.action,
    target: planned.target,
    ...(planned.params ? { params: planned.params } : {}),
    change: planned.change,
    requestedBy: input.requestedBy,
    conversation: input.conversation,
  });
  await postApprovalRequest(deps, request);
  return { kind: 'requested', request };
}

type Planned = { nothing: string } | { target: ChangeTarget; params?: FixParams; change: ApprovalRequest['change'] };

async function planFix(container: container_v1.Container, ref: ClusterRef, input: FixRequestInput): Promise<Planned> {
  const { fix } = input;
  if (fix.action === 'quota-increase') {
    const region = regionOf(ref.location);
    return {
      target: { ...ref },
      params: {
        region,
        multiple: fix.multiple,
        justification: fix.justification,
        ...(fix.contactEmail ? { contactEmail: fix.contactEmail } : {}),
      },
      change: {
        from: false,
        to: false,
        poolsAffected: [],
        notes: [
          'Cloud Quotas reviews the request; the granted value can be lower, and a large increase can take days.',
        ],
      },
    };
  }
  const pool = await resolvePool(container, ref, input);
  const target = { ...ref, pool };
  const found = await getNodePool(container, ref, pool);
  if (!found) throw new UsageError(`node pool "${pool}" not found in cluster ${ref.cluster}`);
  const streaming = found.config?.gcfsConfig?.enabled === true;
  switch (fix.action) {
    case 'replace-pool': {
      const newPool = replacementPoolName(pool);
      const existing = await getNodePool(container, ref, newPool);
      if (existing?.config?.oauthScopes?.includes(STREAMING_SCOPE) && existing.config.gcfsConfig?.enabled === true) {
        return {
          nothing: `Node pool ${newPool} already replaces ${pool} (scope ${STREAMING_SCOPE}, streaming on): move the workloads to it.`,
        };
      }
      return {
        target,
        params: { newPool },
        change: {
          from: streaming,
          to: true,
          poolsAffected: [newPool],
          notes: [
            `create pool ${newPool} copying ${pool} with scope devstorage.read_only; workloads must then move`,
            `gcloud equivalent: ${gcloudReplacementPoolCommand(ref, found, newPool)}`,
          ],
        },
      };
    }
    case 'upgrade-pool': {
      const version = found.version ?? '';
      const fixed = symlinkFixTarget(version);
      if (!fixed) {
        return {
          nothing: `Node pool ${pool} runs GKE ${version || 'of unknown version'}, which does not have the symlink rename bug (or already has the fix): nothing to upgrade.`,
        };
      }
      return {
        target,
        params: { version: fixed, fromVersion: version },
        change: {
          from: streaming,
          to: streaming,
          poolsAffected: [pool],
          notes: [
            `upgrade ${pool} from ${version} to ${fixed}, the first patch of its minor with the symlink rename fix`,
          ],
        },
      };
    }
    case 'disable-pool': {
      const plan = planStreamingChange(await readClusterStatus(container, ref), { enable: false, pool });
      if (plan.noop) return { nothing: `Image streaming is already off on node pool ${pool}: nothing to approve.` };
      return {
        target,
        change: { from: plan.from, to: plan.to, poolsAffected: plan.poolsAffected, notes: plan.notes },
      };
    }
  }
}

/** The pool given, or the one the alert's node belongs to; UsageError when neither says. */
async function resolvePool(
  container: container_v1.Container,
  ref: ClusterRef,
  input: FixRequestInput,
): Promise<string> {
  if (input.pool !== undefined) return parsePoolName(input.pool);
  const status = await readClusterStatus(container, ref);
  const names = status.pools.map((p) => p.name);
  const pool = poolOfNode(ref.cluster, names, input.node ?? null);
  if (pool) return pool;
  throw new UsageError(
    `could not tell which node pool ${input.node ? `node ${input.node}` : 'the alert'} belongs to (pools: ${names.join(', ') || 'none'}); use /imagestream with --pool`,
  );
}

/** The region of a zone (`us-east1-b` -> `us-east1`) or a region itself. */
export function regionOf(location: string): string {
  return /^[a-z]+-[a-z]+\d+-[a-z]$/.test(location) ? location.replace(/-[a-z]$/, '') : location;
}
