import { rich } from '../../src/chat/rich-text';
import { setupAlertsPrintMessage } from '../../src/render/setup-alerts-print-message';
import { enqueueOrExplain } from './enqueue-or-explain';
import type { Executor } from './executor';

/**
 * `setup-alerts --print [--project P]`: the gcloud commands that create the topic, the
 * subscription and the log sink, and grant the sink's writer identity publish rights.
 * Without `--print`: queues the `setup-alerts` job, which posts an approval request; the `apply`
 * job creates them once approved.
 */
export const setupAlerts: Executor<'setup-alerts'> = async ({ project, print }, { replyTo }, deps) => {
  if (print) return { message: setupAlertsPrintMessage(project), visibility: 'private' };
  return enqueueOrExplain(
    deps,
    'setup-alerts',
    { replyTo, project },
    rich`Preparing the alert sink setup for ${project}; an approval request follows in this channel.`,
  );
};
