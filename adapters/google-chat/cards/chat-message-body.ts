import type { chat_v1 } from 'googleapis';

/** What the adapter sends as a message (the synchronous answer or a Chat API create/patch body). */
export interface ChatMessageBody {
  /** The message's text: the whole message when there are no cards, else its notification line. */
  text: string;
  cardsV2?: chat_v1.Schema$CardWithId[];
}
