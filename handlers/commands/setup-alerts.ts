import { UsageError } from '../../src/errors';
import { projectIdSchema } from '../../src/google/cluster-target';
import { defaultSetupNames, setupAlertCommands } from '../../src/setup-alerts/setup-commands';
import { ALERT_SINK_FILTER } from '../../src/setup-alerts/alert-sink-filter';
import { replyToOf } from './cluster-args';
import { enqueueOrExplain } from './enqueue-or-explain';
import { parseCommandArgs } from './parse-command-text';
import { Subcommand } from './subcommand';

/**
 * `/imagestream setup-alerts --print [--project P]`: the gcloud commands that create the topic,
 * the subscription and the log sink, and grant the sink's writer identity publish rights.
 * Without `--print`: queues the `setup-alerts` job, which posts an approval request; the `apply`
 * job creates them once approved.
 */
export const setupAlerts: Subcommand = {
  name: 'setup-alerts',
  mutating: true,
  handle: async (args, command, deps) => {
    const { positionals, values } = parseCommandArgs(args, { project: { type: 'string' }, print: { type: 'boolean' } });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]!.slice(0, 40)}"`);
    const project = (values.project as string | undefined) ?? deps.config.GOOGLE_CLOUD_PROJECT;
    if (!project) throw new UsageError('missing --project (no default project is configured)');
    if (!projectIdSchema.safeParse(project).success)
      throw new UsageError(`invalid --project "${project.slice(0, 40)}"`);
    if (!values.print) {
      return enqueueOrExplain(
        deps,
        'setup-alerts',
        { replyTo: replyToOf(command), project },
        `Preparing the alert sink setup for ${project}; an approval request follows in this channel.`,
      );
    }
    const commands = setupAlertCommands(defaultSetupNames(project));
    const text = `Run these to send gcfsd errors of ${project} to the bot (then set PUBSUB_SUBSCRIPTION=imagestream-gcfsd-bot):`;
    return {
      responseType: 'ephemeral',
      message: {
        text,
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text } },
          { type: 'section', text: { type: 'mrkdwn', text: '```' + commands.join('\n\n') + '```' } },
          {
            type: 'context',
            elements: [{ type: 'mrkdwn', text: `Sink filter: \`${ALERT_SINK_FILTER.replace(/\n\s*/g, ' ')}\`` }],
          },
        ],
      },
    };
  },
};
