import { UsageError } from '../errors';
import { ClusterTarget, parseClusterTarget } from '../google/cluster-target';
import { CommandDefaults, locationOrDefault, projectOrDefault } from './command-defaults';
import { parseCommandArgs } from './command-text';

/**
 * `CLUSTER [--location L] [--project P] [--pool NP]` (status, verify, enable, disable), with
 * location and project defaulting from config, validated (cluster name rule of docs/image-streaming.md) before
 * anything is queued.
 */
export function parseClusterArgs(args: string[], defaults: CommandDefaults, withPool: boolean): ClusterTarget {
  const { positionals, values } = parseCommandArgs(args, {
    location: { type: 'string' },
    project: { type: 'string' },
    ...(withPool ? { pool: { type: 'string' } } : {}),
  });
  if (positionals.length === 0) throw new UsageError('name the cluster');
  if (positionals.length > 1) throw new UsageError(`one cluster at a time (got ${positionals.slice(0, 3).join(', ')})`);
  const location = locationOrDefault(values.location as string | undefined, defaults);
  const project = projectOrDefault(values.project as string | undefined, defaults);
  return parseClusterTarget({ cluster: positionals[0], location, project, pool: values.pool as string | undefined });
}
