import { EMOJI, type RichText, type Span } from '../../../src/chat/rich-text';
import { chatDate } from './chat-date';
import { readableGroup, readableMention, readableSpace } from './readable-ids';

/** Rich text without any formatting, named as the rest of the Chat message names things (fallbackText). */
export function toPlainText(value: RichText): string {
  return value.map(spanToPlain).join('');
}

function spanToPlain(span: Span): string {
  switch (span.kind) {
    case 'mention':
      return readableMention(span.principal);
    case 'space':
      return readableSpace(span.platform, span.space);
    case 'group':
      return readableGroup(span.group);
    case 'date':
      return chatDate(span.epochMs);
    case 'emoji':
      return EMOJI[span.name];
    default:
      return span.text;
  }
}
