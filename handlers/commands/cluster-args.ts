import type { SlashCommand } from '@slack/bolt';
import { UsageError } from '../../src/errors';
import { parseClusterTarget } from '../../src/google/cluster-target';
import type { ClusterArgs, ReplyTo } from '../../src/queue/job-schemas';
import type { WebDeps } from '../web-deps';
import { parseCommandArgs } from './parse-command-text';

/**
 * `CLUSTER [--location L] [--project P] [--pool NP]`, with location and project defaulting from
 * config, validated (cluster name rule of DOMAIN.md) before anything is queued.
 */
export function parseClusterArgs(args: string[], deps: WebDeps, withPool: boolean): ClusterArgs {
  const { positionals, values } = parseCommandArgs(args, {
    location: { type: 'string' },
    project: { type: 'string' },
    ...(withPool ? { pool: { type: 'string' } } : {}),
  });
  if (positionals.length === 0) throw new UsageError('name the cluster');
  if (positionals.length > 1) throw new UsageError(`one cluster at a time (got ${positionals.slice(0, 3).join(', ')})`);
  const location = (values.location as string | undefined) ?? deps.config.IMAGESTREAM_DEFAULT_LOCATION;
  const project = (values.project as string | undefined) ?? deps.config.GOOGLE_CLOUD_PROJECT;
  if (!location) throw new UsageError('missing --location (no default location is configured)');
  if (!project) throw new UsageError('missing --project (no default project is configured)');
  return parseClusterTarget({ cluster: positionals[0], location, project, pool: values.pool as string | undefined });
}

/** Where the job's answer goes. */
export function replyToOf(command: SlashCommand): ReplyTo {
  return { responseUrl: command.response_url, userId: command.user_id, channelId: command.channel_id };
}
