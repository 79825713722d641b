import { SINCE_VALUES, type Since } from '../cloud-logging/gcfsd-filter';
import { pullEventsFilter } from '../cloud-logging/pull-events-filter';
import { UsageError } from '../errors';
import type { ClusterRef } from '../gke/cluster-ref';
import { CommandDefaults, locationOrDefault, projectOrDefault } from './command-defaults';
import { parseCommandArgs } from './command-text';

/** What `pulls` reads: one cluster's image pulls over a time range, optionally one image or namespace. */
export interface PullsArgs {
  /** A location is needed: the job reads the cluster's node pools, not only its logs. */
  target: ClusterRef;
  since: Since;
  image?: string;
  namespace?: string;
}

/**
 * `pulls CLUSTER [--image I] [--namespace N] [--since 1h|6h|24h|7d] [--location L] [--project P]`;
 * since defaults to 24h, location and project to the configured ones. Everything typed enters a
 * Logging filter: the filter builder validates it now, so a mistake is answered before anything is queued.
 */
export function parsePullsArgs(args: string[], defaults: CommandDefaults): PullsArgs {
  const { positionals, values } = parseCommandArgs(args, {
    image: { type: 'string' },
    namespace: { type: 'string' },
    since: { type: 'string' },
    location: { type: 'string' },
    project: { type: 'string' },
  });
  if (positionals.length === 0) throw new UsageError('name the cluster');
  if (positionals.length > 1) throw new UsageError(`one cluster at a time (got ${positionals.slice(0, 3).join(', ')})`);
  const since = (values.since as string | undefined) ?? '24h';
  if (!isSince(since)) throw new UsageError(`--since must be one of ${SINCE_VALUES.join(', ')}`);
  const location = locationOrDefault(values.location as string | undefined, defaults);
  const project = projectOrDefault(values.project as string | undefined, defaults);
  const image = values.image as string | undefined;
  const namespace = values.namespace as string | undefined;
  const target = { project, location, cluster: positionals[0]! };
  pullEventsFilter({ ...target, since, image, namespace });
  return {
    target,
    since,
    ...(image !== undefined ? { image } : {}),
    ...(namespace !== undefined ? { namespace } : {}),
  };
}

function isSince(value: string): value is Since {
  return (SINCE_VALUES as readonly string[]).includes(value);
}
