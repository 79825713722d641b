import type { App } from '@slack/bolt';
import { COMMAND } from '../commands/slash-command';
import { ackUnhandled } from './ack-unhandled';
import { registerActions } from '../actions/register-actions';
import { imagestreamCommand } from '../commands/imagestream-command';
import { registerEvents } from '../events/register-events';
import { traceRequests } from './trace-requests';
import type { SlackWebDeps } from './slack-web-deps';

/** Wires every Slack listener of the bot into a Bolt app. */
export function register(app: App, deps: SlackWebDeps): void {
  app.use(traceRequests);
  app.use(ackUnhandled(deps));
  app.command(COMMAND, imagestreamCommand(deps));
  registerActions(app, deps);
  registerEvents(app, deps);
}
