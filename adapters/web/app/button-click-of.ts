import type { ButtonClick } from '../../../handlers/actions/button-click';
import type { ConversationRef } from '../../../src/chat/conversation-ref';
import type { WebMessage } from '../web-message';
import { WEB, webPrincipal } from '../web-ids';

/**
 * A click in the playground as the core's click: the value, who clicked (`web:bob`), where (the
 * channel, and the message's thread), the message the button is on, and where a fix job answers.
 * A click in the Home (no message) is where Slack's App Home clicks are: in no conversation.
 */
export function buttonClickOf(user: string, value: string | undefined, message: WebMessage | undefined): ButtonClick {
  const clicker = webPrincipal(user);
  if (!message) return { value, clicker };
  const where: ConversationRef = {
    platform: WEB,
    space: message.space,
    ...(message.thread !== undefined ? { thread: message.thread } : {}),
  };
  return {
    value,
    clicker,
    where,
    message: { platform: WEB, space: message.space, message: message.id },
    replyTo: { conversation: where, requester: clicker },
  };
}
