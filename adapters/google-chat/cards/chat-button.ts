import type { chat_v1 } from 'googleapis';
import type { Button } from '../../../src/chat/message-document';
import { shorten } from '../../../src/render/shorten';
import { CHAT_LIMITS } from './chat-limits';
import { cardPlainText } from './escape-card-html';
import type { Widget } from './card-widgets';

type ChatButton = chat_v1.Schema$GoogleAppsCardV1Button;

// Button reference (https://developers.google.com/workspace/chat/api/reference/rest/v1/cards#button):
// `type` FILLED shows the app's primary colour; a `color` forces FILLED in that colour. Danger is
// Google's red (#d93025), as 0..1 RGB floats.
const STYLE: Record<NonNullable<Button['style']>, Partial<ChatButton>> = {
  primary: { type: 'FILLED' },
  danger: { color: { red: 0.851, green: 0.188, blue: 0.145 } },
};

/**
 * The neutral buttons as a buttonList. An action button calls `onClick.action.function` = the
 * action id with one parameter `value` (the events helper reads both CARD_CLICKED forms back); a
 * link button opens its URL.
 */
export function buttonList(buttons: Button[]): Widget {
  return { buttonList: { buttons: buttons.map(toChatButton) } };
}

function toChatButton(button: Button): ChatButton {
  const onClick: chat_v1.Schema$GoogleAppsCardV1OnClick =
    button.url !== undefined
      ? { openLink: { url: button.url } }
      : {
          action: {
            function: button.action,
            ...(button.value !== undefined ? { parameters: [{ key: 'value', value: button.value }] } : {}),
          },
        };
  return {
    text: cardPlainText(shorten(button.label, CHAT_LIMITS.buttonLabelChars)) || '-',
    onClick,
    ...(button.style ? STYLE[button.style] : {}),
  };
}
