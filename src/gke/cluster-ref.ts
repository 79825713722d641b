import { z } from 'zod';
import { errorMessage, UsageError } from '../errors';
import { parseClusterTarget } from '../google/cluster-target';

/** One GKE cluster, by project id, location (zone or region) and name. */
export interface ClusterRef {
  project: string;
  location: string;
  cluster: string;
}

/** The rule check of cluster-target.ts, as a zod issue message (undefined = valid). */
function targetProblem(input: {
  project: string;
  location: string;
  cluster: string;
  pool?: string;
}): string | undefined {
  try {
    parseClusterTarget(input);
    return undefined;
  } catch (err) {
    return errorMessage(err);
  }
}

/**
 * Validates a cluster reference with the rules of src/google/cluster-target.ts (DOMAIN.md cluster
 * name rule, project id, region or zone); the issue message says which field was wrong.
 */
export const clusterRefSchema: z.ZodType<ClusterRef> = z
  .object({ project: z.string(), location: z.string(), cluster: z.string() })
  .superRefine((ref, ctx) => {
    const problem = targetProblem(ref);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  });

// Any valid cluster: the pool rule is checked through cluster-target.ts, which owns the name rule.
const SOME_CLUSTER = { project: 'example-project', location: 'us-east1', cluster: 'example' };

/** A node pool name: the same rule as cluster names (DOMAIN.md). */
export const poolNameSchema: z.ZodType<string> = z.string().superRefine((pool, ctx) => {
  const problem = targetProblem({ ...SOME_CLUSTER, pool });
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
});

/** Validates untrusted input into a ClusterRef (known fields only); UsageError names the bad field. */
export function parseClusterRef(input: unknown): ClusterRef {
  return parseOrUsage(clusterRefSchema, input, 'cluster reference');
}

/** Validates a node pool name before it reaches a URL; UsageError says what was wrong. */
export function parsePoolName(input: unknown): string {
  return parseOrUsage(poolNameSchema, input, 'pool');
}

function parseOrUsage<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  // Custom issues already read "invalid cluster "X": ..."; type issues need the field named.
  if (issue?.code === 'custom') throw new UsageError(issue.message);
  const at = issue && issue.path.length > 0 ? ` ${issue.path.join('.')}` : '';
  throw new UsageError(`invalid ${what}${at}: must be a string`);
}
