import { UsageError } from '../errors';
import { ClusterRef } from './cluster-ref';
import { ClusterStatus, PoolStatus } from './read-cluster-status';

/** What an enable/disable request would change, shown to the approver before anything is sent. */
export interface ChangePlan {
  ref: ClusterRef;
  pool?: string;
  enable: boolean;
  scope: 'cluster' | 'pool';
  /** The current setting of the target (cluster default, or the pool's). */
  from: boolean;
  to: boolean;
  /** True when the target already has the requested setting: nothing is sent. */
  noop: boolean;
  /** Pools whose setting changes: for a cluster change, the pools that follow the cluster. */
  poolsAffected: string[];
  /** E.g. pools set explicitly keep their own setting; nodes recreation is not stated by the API. */
  notes: string[];
}

/** The request as a user made it. */
export interface ChangeRequest {
  enable: boolean;
  pool?: string;
}

// Neither clusters.update nor nodePools.update says whether nodes are recreated.
const RECREATION_NOTE =
  'the GKE API does not say whether this change recreates nodes; the operation shows its progress';

/**
 * Plans an enable/disable from a fresh status. UsageError for Autopilot (no per-cluster switch,
 * docs/image-streaming.md) and for a pool the cluster does not have (the message lists its pools).
 */
export function planStreamingChange(status: ClusterStatus, request: ChangeRequest): ChangePlan {
  const { ref } = status;
  if (status.autopilot) {
    throw new UsageError(
      `cluster ${ref.cluster} is Autopilot: image streaming has no per-cluster or per-pool switch there; it is on for clusters created at 1.25.5-gke.1000 or later, and only disabling the Container File System API (for the whole project) turns it off`,
    );
  }
  if (request.pool !== undefined) return planPool(status, request.enable, findPool(status, request.pool));
  return planCluster(status, request.enable);
}

function planCluster(status: ClusterStatus, enable: boolean): ChangePlan {
  const from = status.clusterDefault;
  const base = { ref: status.ref, enable, scope: 'cluster' as const, from, to: enable };
  if (from === enable) {
    return {
      ...base,
      noop: true,
      poolsAffected: [],
      notes: [`image streaming is already ${onOff(enable)} at cluster level; nothing to change`],
    };
  }
  const followers = status.pools.filter((p) => p.source === 'cluster');
  const explicit = status.pools.filter((p) => p.source === 'explicit');
  const notes: string[] = [];
  if (explicit.length > 0) {
    notes.push(
      `node pools set explicitly keep their own setting: ${explicit.map((p) => `${p.name} (${onOff(p.streaming)})`).join(', ')}`,
    );
  }
  if (followers.length > 0) {
    notes.push(
      'the GKE API does not say which pools were set explicitly: pools with the cluster-level setting are taken to follow it (one set explicitly to that value keeps it)',
    );
  }
  // docs/image-streaming.md nap: auto-provisioned pools follow the cluster level.
  notes.push(
    enable
      ? 'node pools created by node auto-provisioning will stream images too'
      : 'node auto-provisioning and workload separation cannot create streaming pools while the cluster level is off',
  );
  if (enable) notes.push(...followers.flatMap(poolNotes));
  notes.push(RECREATION_NOTE);
  return { ...base, noop: false, poolsAffected: followers.map((p) => p.name), notes };
}

function planPool(status: ClusterStatus, enable: boolean, pool: PoolStatus): ChangePlan {
  const base = { ref: status.ref, pool: pool.name, enable, scope: 'pool' as const, from: pool.streaming, to: enable };
  if (pool.streaming === enable) {
    return {
      ...base,
      noop: true,
      poolsAffected: [],
      notes: [`image streaming is already ${onOff(enable)} on node pool ${pool.name}; nothing to change`],
    };
  }
  const notes: string[] = [];
  if (pool.source === 'cluster') {
    // docs/image-streaming.md: pools where it was set explicitly keep their own setting.
    notes.push(`node pool ${pool.name} then keeps its own setting: later cluster-level changes no longer apply to it`);
  }
  if (enable) notes.push(...poolNotes(pool));
  notes.push(RECREATION_NOTE);
  return { ...base, noop: false, poolsAffected: [pool.name], notes };
}

function findPool(status: ClusterStatus, name: string): PoolStatus {
  const pool = status.pools.find((p) => p.name === name);
  if (pool) return pool;
  const names = status.pools.map((p) => p.name).join(', ') || 'none';
  throw new UsageError(
    `node pool "${name.slice(0, 60)}" not found in cluster ${status.ref.cluster}; its node pools: ${names}`,
  );
}

// What enabling means for a pool whose image type or version is a problem.
function poolNotes(pool: PoolStatus): string[] {
  return pool.warnings.map((w) => `${pool.name}: ${w}`);
}

function onOff(on: boolean): string {
  return on ? 'on' : 'off';
}
