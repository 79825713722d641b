import type { ButtonClick } from '../../../handlers/actions/button-click';
import { GCHAT, chatPrincipal, spaceOfName } from '../chat-ids';
import { type ChatEvent, replyThreadOf } from '../events/chat-event';

/**
 * The function a CARD_CLICKED names (the button's `onClick.action.function`), in either form Chat
 * sends: `common.invokedFunction`, or the older `action.actionMethodName`.
 * https://developers.google.com/workspace/chat/api/reference/rest/v1/Event (common, action)
 */
export function invokedFunctionOf(event: ChatEvent): string | undefined {
  return event.common?.invokedFunction ?? event.action?.actionMethodName;
}

/** The button's `value` parameter: `common.parameters.value`, or `{key: 'value'}` of `action.parameters`. */
function valueOf(event: ChatEvent): string | undefined {
  const common = event.common?.parameters;
  if (common && Object.hasOwn(common, 'value')) return common.value;
  return event.action?.parameters?.find((p) => p.key === 'value')?.value;
}

/**
 * A Chat click as the core's click: the value, who clicked, where (the space and the card's thread,
 * none in a DM), the card's message (only when it is in the event's space), and where a fix job answers.
 */
export function buttonClickOf(event: ChatEvent): ButtonClick {
  const clicker = chatPrincipal(event.user?.name);
  const space = event.space.name;
  const thread = replyThreadOf(event);
  const where = { platform: GCHAT, space, ...(thread ? { thread } : {}) };
  const messageName = event.message?.name;
  const message =
    messageName && spaceOfName(messageName) === space ? { platform: GCHAT, space, message: messageName } : undefined;
  return {
    value: valueOf(event),
    clicker,
    where,
    ...(message ? { message } : {}),
    ...(clicker ? { replyTo: { conversation: where, requester: clicker } } : {}),
  };
}
