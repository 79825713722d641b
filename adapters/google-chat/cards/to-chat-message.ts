import { documentToText } from '../../../src/chat/document-to-text';
import type { MessageDocument } from '../../../src/chat/message-document';
import type { ChatMessageBody } from './chat-message-body';

// PLACEHOLDER (replaced by the cards helper): the document as plain text, no card.
export function toChatMessage(doc: MessageDocument): ChatMessageBody {
  return { text: documentToText(doc) };
}
