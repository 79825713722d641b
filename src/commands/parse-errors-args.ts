import { SINCE_VALUES, Since, gcfsdFilter } from '../cloud-logging/gcfsd-filter';
import { UsageError } from '../errors';
import { AnyLocationClusterTarget, parseAnyLocationClusterTarget } from '../google/cluster-target';
import { CommandDefaults, projectOrDefault } from './command-defaults';
import { parseCommandArgs } from './command-text';

/** What `errors` reads: a cluster's gcfsd errors over a time range. */
export interface ErrorsArgs {
  /** Without a location (none typed, none configured) the Logging query covers every location of the project. */
  target: AnyLocationClusterTarget;
  since: Since;
}

/** `errors CLUSTER [--location L] [--project P] [--since 1h|6h|24h|7d]`; since defaults to 24h. */
export function parseErrorsArgs(args: string[], defaults: CommandDefaults): ErrorsArgs {
  const { positionals, values } = parseCommandArgs(args, {
    location: { type: 'string' },
    project: { type: 'string' },
    since: { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError('name one cluster');
  const since = (values.since as string | undefined) ?? '24h';
  if (!isSince(since)) throw new UsageError(`--since must be one of ${SINCE_VALUES.join(', ')}`);
  const project = projectOrDefault(values.project as string | undefined, defaults);
  const location = (values.location as string | undefined) ?? defaults.location;
  // The cluster name enters a Logging filter: validated here (docs/image-streaming.md rule) and again by the filter builder.
  const parsed = parseAnyLocationClusterTarget({ cluster: positionals[0], project, location });
  const target = { project: parsed.project, cluster: parsed.cluster, location };
  gcfsdFilter({ ...target, since });
  return { target, since };
}

function isSince(value: string): value is Since {
  return (SINCE_VALUES as readonly string[]).includes(value);
}
