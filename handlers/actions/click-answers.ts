import type { MessageDocument } from '../../src/chat/message-document';
import { textMessage } from '../../src/chat/message-document';
import { emoji, rich } from '../../src/chat/rich-text';

/** The answers several buttons give the clicker, each one line. */
export const CLICK_ANSWERS = {
  invalidAlert: textMessage(rich`${emoji('warning')} That button does not name a valid alert.`),
  /** The platform's user id was not one the bot accepts: who acted cannot be recorded. */
  unknownClicker: textMessage(
    rich`${emoji('warning')} Your click could not be recorded: the bot could not tell who clicked.`,
  ),
} satisfies Record<string, MessageDocument>;
