import type { ClusterRef } from '../gke/cluster-ref';

/** A tick as it appears in job ids: the scheduled time in UTC, to the second (`20260105T090000Z`). */
export const TICK_PATTERN = /^\d{8}T\d{6}Z$/;

/**
 * The tick a digest job stands for: the time its scheduler planned it for (`opts.prevMillis`,
 * the same on every retry and on whichever replica takes it), else when the job was added.
 */
export function tickOf(job: { timestamp: number; opts: { prevMillis?: number } }): string {
  const millis = job.opts.prevMillis ?? job.timestamp;
  return new Date(millis)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/**
 * The job id of one cluster's digest of one tick: a retried tick adds the same ids, which BullMQ
 * keeps once, so no cluster is posted twice. Names are joined with `.`, which no project id,
 * location or cluster name holds: with `-` (which they all may hold) zone `us-east1-b` + cluster
 * `c` and region `us-east1` + cluster `b-c` would share an id. BullMQ refuses `:` in ids.
 */
export function digestClusterJobId(tick: string, target: ClusterRef): string {
  return `digest-${tick}-${target.project}.${target.location}.${target.cluster}`;
}
