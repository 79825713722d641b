import { buttonActionOf } from '../../../handlers/actions';
import { runButton } from '../../../handlers/actions/run-button';
import { type ChatAnswer, answerOf } from '../events/chat-answer';
import type { ChatEvent } from '../events/chat-event';
import type { ChatWebDeps } from '../events/chat-web-deps';
import { buttonClickOf, invokedFunctionOf } from './button-click-of';

/**
 * A CARD_CLICKED on one of the bot's buttons: finds its action in the core's catalogue, runs it
 * (handlers/actions/run-button.ts) and tells the clicker privately what the core says, as a
 * NEW_MESSAGE (https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages#responsetype).
 * With nothing to say, null: the card's message is updated by the job that acts (messages.patch),
 * and UPDATE_MESSAGE here would race it. (handleChatEvent has remembered the clicker's e-mail
 * before this runs, so an approver named by e-mail is known on their first click.)
 */
export async function chatClick(event: ChatEvent, deps: ChatWebDeps): Promise<ChatAnswer | null> {
  const action = buttonActionOf(invokedFunctionOf(event));
  if (!action) {
    // The function name is whatever the sender put there: not logged.
    deps.logger.warn('a click on a button the bot does not have; ignored');
    return null;
  }
  const answer = await runButton(action, buttonClickOf(event), deps);
  if (!answer) return null;
  return {
    actionResponse: { type: 'NEW_MESSAGE' },
    ...answerOf(answer, { visibility: 'private', space: event.space, viewer: event.user?.name }),
  };
}
