import type { App } from '@slack/bolt';
import { COMMAND } from '../src/slack/subcommand-usage';
import { ackUnhandled } from './ack-unhandled';
import { registerActions } from './actions';
import { imagestreamCommand } from '../adapters/slack/commands/imagestream-command';
import { registerEvents } from './events';
import { traceRequests } from './trace-requests';
import type { WebDeps } from './web-deps';

/** Wires every Slack listener of the bot into a Bolt app. */
export function register(app: App, deps: WebDeps): void {
  app.use(traceRequests);
  app.use(ackUnhandled(deps));
  app.command(COMMAND, imagestreamCommand(deps));
  registerActions(app, deps);
  registerEvents(app, deps);
}
