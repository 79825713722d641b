import { UsageError } from '../../src/errors';
import { defaultSetupNames, setupAlertCommands } from '../../src/setup-alerts/setup-commands';
import { ALERT_SINK_FILTER } from '../../src/setup-alerts/alert-sink-filter';
import { parseCommandArgs } from './parse-command-text';
import { Subcommand } from './subcommand';

const PROJECT_RE = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

/**
 * `/imagestream setup-alerts --print [--project P]`: the gcloud commands that create the topic,
 * the subscription and the log sink, and grant the sink's writer identity publish rights.
 */
export const setupAlerts: Subcommand = {
  name: 'setup-alerts',
  handle: async (args, _command, deps) => {
    const { positionals, values } = parseCommandArgs(args, { project: { type: 'string' }, print: { type: 'boolean' } });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]!.slice(0, 40)}"`);
    const project = (values.project as string | undefined) ?? deps.config.GOOGLE_CLOUD_PROJECT;
    if (!project) throw new UsageError('missing --project (no default project is configured)');
    if (!PROJECT_RE.test(project)) throw new UsageError(`invalid --project "${project.slice(0, 40)}"`);
    if (!values.print) {
      throw new UsageError('creating the sink from Slack is not available yet: add --print for the gcloud commands');
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
