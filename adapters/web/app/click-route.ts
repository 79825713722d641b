import { z } from 'zod';
import { buttonActionOf } from '../../../handlers/actions';
import { runButton } from '../../../handlers/actions/run-button';
import type { WebDeps } from '../../../handlers/web-deps';
import type { OpsRoute } from '../../../src/app/ops-routes';
import type { WebConversation } from '../state/web-conversation';
import { PLAYGROUND_SPACE, webUserSchema } from '../web-ids';
import { visibleToUser } from '../web-message';
import { buttonClickOf } from './button-click-of';
import { WebRequestRefused, readBody, sendJson, serveAsync } from './web-request';

const clickBodySchema = z.object({
  user: webUserSchema,
  /** The message the button is on; absent for a button of the Home. */
  messageId: z.string().min(1).max(200).optional(),
  action: z.string().min(1).max(100),
  // Never trusted: the core checks the shape of what it names (a request id, an alert id).
  value: z.string().max(200).optional(),
});

/**
 * `POST /playground/click {user, messageId, action, value}`: finds the button's action in the core's
 * catalogue and runs it (handlers/actions/run-button.ts). What the core tells the clicker comes
 * back as `{answer}`, a message only they see (null when it says nothing); the message the button
 * is on changes through the jobs that act, as on Slack and Chat, never through this answer.
 * 404 for a message the user cannot see (never posted, forgotten, or someone else's private one).
 */
export function clickRoute(chat: WebConversation, deps: WebDeps): OpsRoute {
  return {
    path: '/playground/click',
    method: ['POST'],
    handler: serveAsync(deps.logger, '/playground/click', async (req, res) => {
      const { user, messageId, action: actionId, value } = await readBody(req, clickBodySchema);
      const action = buttonActionOf(actionId);
      if (!action) throw new WebRequestRefused(400, 'bad request: action: not a button of the bot');
      const message = messageId === undefined ? undefined : chat.get(messageId);
      if (messageId !== undefined && (!message || !visibleToUser(message, user))) {
        throw new WebRequestRefused(404, 'no such message');
      }
      const told = await runButton(action, buttonClickOf(user, value, message), deps);
      const answer = told
        ? chat.post({
            space: message?.space ?? PLAYGROUND_SPACE,
            ...(message?.thread !== undefined ? { thread: message.thread } : {}),
            visibleTo: user,
            document: told,
          })
        : null;
      sendJson(res, { answer });
    }),
  };
}
