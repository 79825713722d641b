import type { chat_v1 } from 'googleapis';

/**
 * What the adapter sends as a message: the synchronous answer to an event, or the body of a Chat
 * API create/patch. A subset of `chat_v1.Schema$Message`, so callers spread it into either.
 */
export interface ChatMessageBody {
  /**
   * The message's text in Chat's text format: the whole message when there are no cards; empty
   * when there are (Chat shows a message's text above its cards, and the card says it all).
   */
  text: string;
  cardsV2?: chat_v1.Schema$CardWithId[];
  /**
   * Card messages: "a plain-text description of the message's cards, used when the actual cards
   * can't be displayed—for example, mobile notifications" (Message reference). A patch that
   * changes the cards should list it in its updateMask too.
   */
  fallbackText?: string;
  /**
   * Text messages: `MARKUP_SYNTAX_CHAT`, the syntax `text` is written in. Chat apps created since
   * Markdown became the default would otherwise read `<url|label>` and `*bold*` as Markdown
   * (https://developers.google.com/workspace/chat/format-messages#format-texts).
   */
  markupSyntax?: 'MARKUP_SYNTAX_CHAT';
}
