import { z } from 'zod';
import { UsageError } from '../errors';
import { clusterTargetSchema, targetUsageError } from '../google/cluster-target';
import { imageReferenceSchema } from '../images/image-reference-schema';
import { namespaceNameSchema } from '../kubernetes/namespace-name';
import { Issue, parseOr } from '../validation/parse-or';
import { SINCE_VALUES, type Since } from './gcfsd-filter';
import { clusterLocationClause } from './location-clause';
import { quoteFilterValue as q } from './quote-filter-value';
import { sinceStart } from './since-range';

/**
 * The Kubernetes event reasons a pull leaves (docs/image-streaming.md, "Turning it on and off" and the events
 * paragraph): the pod's `Pulling` and `Pulled`, and the node's `ImageStreaming`. docs/image-streaming.md gives
 * the message of a pull served from the node's cache ("Container image "X" already present on
 * machine") but not its reason: the kubelet reports it as `Pulled`, so this list covers it.
 */
export const PULL_EVENT_REASONS = ['Pulling', 'Pulled', 'ImageStreaming'] as const;

/** What the pull events filter selects: one cluster's events over a range, optionally narrowed. */
export interface PullEventsFilterInput {
  project: string;
  /** The cluster's region or zone (the job reads the cluster, so it is always known). */
  location: string;
  cluster: string;
  since: Since;
  /** Only events naming this image (as typed: a substring of the event's message). */
  image?: string;
  /** Only pod events of this namespace; node events (`ImageStreaming`) are kept, nodes have none. */
  namespace?: string;
  /** The end of the range; default now. */
  now?: Date;
}

/** Every value that enters the filter, one schema each (cluster target, image, namespace, range). */
export const pullEventsFilterInputSchema = clusterTargetSchema.omit({ pool: true }).extend({
  since: z.enum(SINCE_VALUES),
  image: imageReferenceSchema.optional(),
  namespace: namespaceNameSchema.optional(),
});

/**
 * The Logging query for one cluster's pull events (docs/image-streaming.md: `log_id("events")`, the Event in
 * `jsonPayload`, resource `k8s_pod` or `k8s_node` with the cluster's labels) since the range start.
 * The `timestamp` bound is always there, so `getEntries` adds no 24 h bound of its own. Inputs are
 * validated first: a UsageError, nothing built.
 */
export function pullEventsFilter(input: PullEventsFilterInput): string {
  const { now, ...values } = input;
  const valid = parseOr(pullEventsFilterInputSchema, values, (issue) => usageErrorOf(values, issue));
  const clauses = [
    `timestamp >= ${q(sinceStart(valid.since, now ?? new Date()))}`,
    'log_id("events")',
    'resource.type = ("k8s_pod" OR "k8s_node")',
    `resource.labels.project_id = ${q(valid.project)}`,
    clusterLocationClause(valid.location),
    `resource.labels.cluster_name = ${q(valid.cluster)}`,
    `jsonPayload.reason = (${PULL_EVENT_REASONS.map((reason) => q(reason)).join(' OR ')})`,
  ];
  // Node events carry no namespace: keeping them keeps the `ImageStreaming` half of each pull.
  if (valid.namespace !== undefined)
    clauses.push(`(resource.type = "k8s_node" OR resource.labels.namespace_name = ${q(valid.namespace)})`);
  // `:` is a substring match: every event of the pull names the image in its message (`Pulling
  // image "X"`, `Image X is backed by image streaming.`); the join compares images exactly.
  if (valid.image !== undefined) clauses.push(`jsonPayload.message : ${q(valid.image)}`);
  // Under 1,600 characters (an image is at most 1,024, a namespace 63, and neither holds a
  // character to escape): far below Cloud Logging's 20,000 (MAX_FILTER_CHARS), so no length check.
  return clauses.join('\nAND ');
}

// The image's own sentence (as `check` says it), the range as `errors` says it, the rest by field.
function usageErrorOf(input: Omit<PullEventsFilterInput, 'now'>, issue: Issue): UsageError {
  const field = issue.path[0];
  if (field === 'image') return new UsageError(issue.message);
  if (field === 'since')
    return new UsageError(
      `invalid --since "${String(input.since).slice(0, 20)}": must be one of ${SINCE_VALUES.join(', ')}`,
    );
  return targetUsageError(input, issue);
}
