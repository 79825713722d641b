import type { MessageDocument } from '../chat/message-document';
import { code, rich } from '../chat/rich-text';
import { ALERT_SINK_FILTER } from '../setup-alerts/alert-sink-filter';
import { defaultSetupNames, setupAlertCommands } from '../setup-alerts/setup-commands';

/** `setup-alerts --print`: the gcloud commands that create the alert plumbing of a project, to run by hand. */
export function setupAlertsPrintMessage(project: string): MessageDocument {
  const names = defaultSetupNames(project);
  const intro = rich`Run these to send gcfsd errors of ${project} to the bot (then set PUBSUB_SUBSCRIPTION=${names.subscription}):`;
  return {
    summary: intro,
    blocks: [
      { type: 'text', text: intro },
      { type: 'text', text: [{ kind: 'pre', text: setupAlertCommands(names).join('\n\n'), tight: true }] },
      { type: 'context', text: rich`Sink filter: ${code(ALERT_SINK_FILTER.replace(/\n\s*/g, ' '))}` },
    ],
  };
}
