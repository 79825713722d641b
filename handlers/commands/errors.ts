import { SINCE_VALUES, Since, gcfsdFilter } from '../../src/cloud-logging/gcfsd-filter';
import { UsageError } from '../../src/errors';
import { parseClusterTarget } from '../../src/google/cluster-target';
import { replyToOf } from './cluster-args';
import { enqueueOrExplain } from './enqueue-or-explain';
import { parseCommandArgs } from './parse-command-text';
import { Subcommand } from './subcommand';

/** `/imagestream errors CLUSTER [--location L] [--project P] [--since 1h|6h|24h|7d]`: gcfsd errors from Cloud Logging, via a job. */
export const errors: Subcommand = {
  name: 'errors',
  handle: (args, command, deps) => {
    const { positionals, values } = parseCommandArgs(args, {
      location: { type: 'string' },
      project: { type: 'string' },
      since: { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError('name one cluster');
    const since = (values.since as string | undefined) ?? '24h';
    if (!(SINCE_VALUES as readonly string[]).includes(since)) {
      throw new UsageError(`--since must be one of ${SINCE_VALUES.join(', ')}`);
    }
    const project = (values.project as string | undefined) ?? deps.config.GOOGLE_CLOUD_PROJECT;
    if (!project) throw new UsageError('missing --project (no default project is configured)');
    const location = (values.location as string | undefined) ?? deps.config.IMAGESTREAM_DEFAULT_LOCATION;
    // The cluster name enters a Logging filter: validated here (DOMAIN.md rule) and again by the filter builder.
    const target = parseClusterTarget({ cluster: positionals[0], project, location: location ?? 'us-central1' });
    gcfsdFilter({ project: target.project, cluster: target.cluster, location, since: since as Since });
    return enqueueOrExplain(
      deps,
      'errors',
      {
        replyTo: replyToOf(command),
        target: { project: target.project, cluster: target.cluster, location },
        since: since as Since,
      },
      `Reading gcfsd errors of ${target.cluster} over the last ${since}...`,
    );
  },
};
