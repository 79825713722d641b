import { z } from 'zod';
import { UsageError } from '../errors';
import { isRegionOrZone } from '../locations/gcp-location';
import { Issue, parseOr } from '../validation/parse-or';

/** The cluster (and optionally the one node pool) to read facts about. */
export interface ClusterTarget {
  project: string;
  location: string;
  cluster: string;
  pool?: string;
}

// docs/image-streaming.md: cluster names are 1-40 chars; node pool names follow the same rule (GKE's own regex for both).
export const GKE_NAME_RE = /^[a-z](?:[-a-z0-9]{0,38}[a-z0-9])?$/;
/** A project id's shape, unanchored for patterns that embed it (`projects/P/subscriptions/S`). */
export const PROJECT_ID_PATTERN = '[a-z][a-z0-9-]{4,28}[a-z0-9]';
const PROJECT_RE = new RegExp(`^${PROJECT_ID_PATTERN}$`);

/** A Google Cloud project id (6-30 characters): the one schema for it. */
export const projectIdSchema = z
  .string()
  .regex(PROJECT_RE, 'must be a project id: 6-30 lowercase letters, digits or hyphens, starting with a letter');

/** A cluster location: a region or a zone. */
export const locationSchema = z.string().refine(isRegionOrZone, 'must be a region (us-east1) or a zone (us-east1-b)');

/** A GKE cluster or node pool name: the one schema for both. */
export const gkeNameSchema = z
  .string()
  .regex(GKE_NAME_RE, 'must be 1-40 lowercase letters, digits or hyphens, starting with a letter');

/** A cluster (and optionally one pool): the one schema for it, in commands and job payloads alike. */
export const clusterTargetSchema = z.object({
  project: projectIdSchema,
  location: locationSchema,
  cluster: gkeNameSchema,
  pool: gkeNameSchema.optional(),
});

/**
 * Validates a target before any of it reaches a URL; a UsageError names the first bad field.
 * Returns a copy holding only the known fields.
 */
export function parseClusterTarget(input: unknown): ClusterTarget {
  return parseOr(clusterTargetSchema, input, (issue) => targetUsageError(input, issue));
}

/** A cluster named in any location (a Logging query of `errors`): project and cluster, and the location when one is given. */
export type AnyLocationClusterTarget = Omit<ClusterTarget, 'location' | 'pool'> & { location?: string };

/** A cluster in any location (`errors`): the location, when given, validated all the same. */
export const anyLocationClusterTargetSchema = clusterTargetSchema.omit({ pool: true }).partial({ location: true });

/** parseClusterTarget for a target whose location may be left out; a given location is validated all the same. */
export function parseAnyLocationClusterTarget(input: unknown): AnyLocationClusterTarget {
  return parseOr(anyLocationClusterTargetSchema, input, (issue) => targetUsageError(input, issue));
}

/** `invalid cluster "Prod": must be ...`: the first bad field, the value given (cut), and what it must be. */
export function targetUsageError(input: unknown, issue: Issue): UsageError {
  const field = issue.path.length > 0 ? String(issue.path[0]) : 'target';
  const given = issue.path.length > 0 ? (input as Record<string, unknown>)[field] : undefined;
  const shown = typeof given === 'string' ? ` "${given.slice(0, 60)}"` : given === undefined ? ' (missing)' : '';
  const why = issue.code === 'invalid_type' ? 'must be a string' : issue.message;
  return new UsageError(`invalid ${field}${shown}: ${why}`);
}
