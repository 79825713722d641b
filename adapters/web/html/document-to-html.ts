import { documentToText } from '../../../src/chat/document-to-text';
import type { MessageDocument } from '../../../src/chat/message-document';

// PLACEHOLDER (replaced by the page helper): the document as escaped plain text.
export function documentToHtml(doc: MessageDocument): string {
  const escaped = documentToText(doc).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<pre>${escaped}</pre>`;
}
