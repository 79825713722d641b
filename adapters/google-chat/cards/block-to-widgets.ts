import type { DocumentBlock } from '../../../src/chat/message-document';
import { EMOJI, text as plain } from '../../../src/chat/rich-text';
import { buttonList } from './chat-button';
import { CHAT_LIMITS } from './chat-limits';
import { type Widget, divider, fieldRows, paragraph, smallPrint } from './card-widgets';
import { cardText } from './escape-card-html';
import { packCardLines } from './pack-card-lines';
import { toCardHtml } from './to-card-html';

// Each code chunk opens and closes its own <pre>: 11 characters of the paragraph's budget.
const CODE_BUDGET = CHAT_LIMITS.paragraphChars - 11;

/**
 * One neutral block as the widgets that show it (a long list may take several). `pointer` (card
 * HTML) ends a paragraph that had to be cut. A header here is one that does not open the message
 * (that one is the card's header): a bold paragraph.
 */
export function blockToWidgets(block: DocumentBlock, pointer: string): Widget[] {
  switch (block.type) {
    case 'header':
      return [paragraph(`<b>${cardText(headerTitle(block))}</b>`, pointer)];
    case 'text':
      return [paragraph(toCardHtml(block.text), pointer)];
    case 'fields':
      return fieldRows(block.fields.map(toCardHtml), pointer);
    case 'lines':
      return packCardLines(block.lines.map(toCardHtml), CHAT_LIMITS.paragraphChars).map((chunk) =>
        paragraph(chunk, pointer),
      );
    case 'code':
      return packCardLines(
        block.lines.map((line) => toCardHtml([plain(line)])),
        CODE_BUDGET,
      ).map((chunk) => paragraph(`<pre>${chunk}</pre>`, pointer));
    case 'context':
      return [smallPrint(toCardHtml(block.text), pointer)];
    case 'divider':
      return [divider()];
    case 'buttons':
      return block.buttons.length > 0 ? [buttonList(block.buttons)] : [];
  }
}

/** A header's text after its emoji, as Unicode (`✅ Eligible`): plain text. */
export function headerTitle(block: Extract<DocumentBlock, { type: 'header' }>): string {
  return block.emoji ? `${EMOJI[block.emoji]} ${block.text}` : block.text;
}
