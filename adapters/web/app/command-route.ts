import { z } from 'zod';
import { runCommand } from '../../../handlers/commands/run-command';
import type { WebDeps } from '../../../handlers/web-deps';
import type { OpsRoute } from '../../../src/app/ops-routes';
import { type MessageDocument, textMessage } from '../../../src/chat/message-document';
import { code, emoji, rich } from '../../../src/chat/rich-text';
import type { WebConversation } from '../state/web-conversation';
import { PLAYGROUND_SPACE, webUserSchema } from '../web-ids';
import type { WebMessage } from '../web-message';
import { commandInputOf } from './command-input-of';
import { readBody, sendJson, serveAsync } from './web-request';

const commandBodySchema = z.object({
  user: webUserSchema,
  // A slash command's text is short; Slack caps a message at 4,000 characters.
  text: z.string().max(4000),
});

// The page may send the whole line as typed: `/imagestream status shop`.
const OWN_COMMAND = /^\s*\/imagestream(?:\s+|$)/;
const OTHER_COMMAND = /^\s*\//;

/**
 * `POST /playground/command {user, text}`: runs the line through the core's one command path
 * (handlers/commands/run-command.ts), as Slack's and Chat's listeners do, and answers with the
 * core's reply: a message in the channel (private to that user unless the core says public),
 * returned as `{answer}` too, so the page shows it without waiting for the stream. Counted in
 * the metrics like Slack's listener.
 */
export function commandRoute(chat: WebConversation, deps: WebDeps): OpsRoute {
  return {
    path: '/playground/command',
    method: ['POST'],
    handler: serveAsync(deps.logger, '/playground/command', async (req, res) => {
      const startedAt = performance.now();
      const { user, text } = await readBody(req, commandBodySchema);
      const seconds = () => (performance.now() - startedAt) / 1000;
      let document: MessageDocument;
      let visibility: 'private' | 'public' = 'private';
      if (!OWN_COMMAND.test(text) && OTHER_COMMAND.test(text)) {
        deps.metrics.command('unknown', 'usage_error', seconds());
        document = textMessage(
          rich`${emoji('warning')} Unknown command: this app answers ${code('/imagestream')} only.`,
        );
      } else {
        const reply = await runCommand(commandInputOf(user, text.replace(OWN_COMMAND, '')), deps);
        deps.metrics.command(reply.subcommand, reply.outcome, seconds());
        document = reply.message;
        visibility = reply.visibility;
      }
      const answer: WebMessage = chat.post({
        space: PLAYGROUND_SPACE,
        ...(visibility === 'private' ? { visibleTo: user } : {}),
        document,
      });
      sendJson(res, { answer });
    }),
  };
}
