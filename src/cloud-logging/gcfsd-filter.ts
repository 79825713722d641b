import { z } from 'zod';
import { UsageError } from '../errors';
import { parseClusterTarget } from '../google/cluster-target';
import { clusterLocationClause } from './location-clause';
import { SINCE_VALUES, type Since, sinceStart } from './since-range';
import { quoteFilterValue as q } from './quote-filter-value';

// Where `errors` and its callers have always found them.
export { SINCE_VALUES, type Since } from './since-range';

/** Cloud Logging rejects longer filters (ListLogEntriesRequest.filter). */
export const MAX_FILTER_CHARS = 20_000;

/** The text of the application errors the symlink rename regression causes (docs/image-streaming.md). */
export const SYMLINK_RENAME_TEXT = 'No such device or address';

// parseClusterTarget requires a location; when none is given, any valid one stands in so that
// project and cluster still go through the one validation of docs/image-streaming.md's name rule.
const PLACEHOLDER_LOCATION = 'us-central1';

const sinceSchema = z.enum(SINCE_VALUES);

/** What the gcfsd filter selects. */
export interface GcfsdFilterInput {
  project: string;
  cluster: string;
  /** The cluster's region or zone; undefined = the cluster name in any location. */
  location?: string;
  since: Since;
  /** The end of the range; default now. */
  now?: Date;
}

/**
 * The Logging query for a cluster's gcfsd node logs (docs/image-streaming.md: `logName="projects/P/logs/gcfsd"
 * resource.labels.cluster_name="C"`) and its application "No such device or address" rename
 * errors, since the given time. Inputs are validated first: a UsageError, nothing built.
 */
export function gcfsdFilter(input: GcfsdFilterInput): string {
  const target = parseClusterTarget({
    project: input.project,
    cluster: input.cluster,
    location: input.location ?? PLACEHOLDER_LOCATION,
  });
  const since = sinceSchema.safeParse(input.since);
  if (!since.success)
    throw new UsageError(`invalid --since "${String(input.since)}": must be one of ${SINCE_VALUES.join(', ')}`);
  const now = input.now ?? new Date();
  const from = sinceStart(since.data, now);

  const clauses = [`timestamp >= ${q(from)}`, `resource.labels.cluster_name = ${q(target.cluster)}`];
  if (input.location !== undefined) clauses.push(clusterLocationClause(target.location));
  const gcfsd = `logName = ${q(`projects/${target.project}/logs/gcfsd`)} AND resource.type = "k8s_node"`;
  const rename =
    `resource.type = "k8s_container" AND ` +
    `(textPayload : ${q(SYMLINK_RENAME_TEXT)} OR jsonPayload.message : ${q(SYMLINK_RENAME_TEXT)})`;
  clauses.push(`((${gcfsd}) OR (${rename}))`);

  const filter = clauses.join('\nAND ');
  if (filter.length > MAX_FILTER_CHARS) {
    throw new UsageError(
      `the log filter would be ${filter.length} characters; Cloud Logging takes at most ${MAX_FILTER_CHARS}`,
    );
  }
  return filter;
}

/** The Logs Explorer page that runs `filter` in `project`. */
export function logsExplorerUrl(project: string, filter: string): string {
  return `https://console.cloud.google.com/logs/query;query=${encodeURIComponent(filter)}?project=${encodeURIComponent(project)}`;
}
