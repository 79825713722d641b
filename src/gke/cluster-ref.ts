import type { z } from 'zod';
import { UsageError } from '../errors';
import { clusterTargetSchema, gkeNameSchema, targetUsageError } from '../google/cluster-target';
import { Issue, parseOr } from '../validation/parse-or';

/** One GKE cluster, by project id, location (zone or region) and name. */
export interface ClusterRef {
  project: string;
  location: string;
  cluster: string;
}

/**
 * A cluster reference: the cluster target of src/google/cluster-target.ts without its pool (docs/image-streaming.md
 * cluster name rule, project id, region or zone); the issue's path names the wrong field.
 */
export const clusterRefSchema: z.ZodType<ClusterRef> = clusterTargetSchema.omit({ pool: true });

/** A node pool name: the same rule as cluster names (docs/image-streaming.md). */
export const poolNameSchema: z.ZodType<string> = gkeNameSchema;

/** Validates untrusted input into a ClusterRef (known fields only); UsageError names the bad field. */
export function parseClusterRef(input: unknown): ClusterRef {
  return parseOr(clusterRefSchema, input, (issue) =>
    issue.code === 'invalid_type' ? notAString('cluster reference', issue) : targetUsageError(input, issue),
  );
}

/** Validates a node pool name before it reaches a URL; UsageError says what was wrong. */
export function parsePoolName(input: unknown): string {
  return parseOr(poolNameSchema, input, (issue) =>
    issue.code === 'invalid_type'
      ? notAString('pool', issue)
      : new UsageError(`invalid pool "${String(input).slice(0, 60)}": ${issue.message}`),
  );
}

// A value of the wrong type is named by its place in the input (`invalid cluster reference cluster`).
function notAString(what: string, issue: Issue): UsageError {
  const at = issue.path.length > 0 ? ` ${issue.path.join('.')}` : '';
  return new UsageError(`invalid ${what}${at}: must be a string`);
}
