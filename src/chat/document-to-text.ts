import type { DocumentBlock, MessageDocument } from './message-document';
import { EMOJI, plainText } from './rich-text';

/**
 * A message as plain text, block by block: for terminals, logs and the test-only text adapter.
 * Buttons read `[Label](action:value)` so a reader (or a test) can name the one to press.
 */
export function documentToText(doc: MessageDocument): string {
  if (doc.blocks.length === 0) return plainText(doc.summary);
  return doc.blocks.map(blockToText).join('\n');
}

function blockToText(block: DocumentBlock): string {
  switch (block.type) {
    case 'header':
      return `== ${block.emoji ? `${EMOJI[block.emoji]} ` : ''}${block.text} ==`;
    case 'text':
    case 'context':
      return plainText(block.text);
    case 'fields':
      return block.fields.map(plainText).join(' | ');
    case 'lines':
      return block.lines.map(plainText).join('\n');
    case 'code':
      // An entry may hold several lines (one per pool, kept together): each one is indented.
      return block.lines
        .flatMap((entry) => entry.split('\n'))
        .map((line) => `    ${line}`)
        .join('\n');
    case 'divider':
      return '----';
    case 'buttons':
      return block.buttons
        .map((b) => (b.url ? `[${b.label}](${b.url})` : `[${b.label}](${b.action}:${b.value ?? ''})`))
        .join(' ');
  }
}
