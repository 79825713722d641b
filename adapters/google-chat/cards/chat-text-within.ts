import type { RichText, Span } from '../../../src/chat/rich-text';
import { shorten } from '../../../src/render/shorten';
import { toChatText } from './to-chat-text';

/**
 * Rich text in Chat's text format within `max` characters: when it is longer, the spans that fit
 * are kept, the one that does not is shortened in its own text (so no markup is ever split: a
 * mention, a link, an open code block), and `pointer` (already Chat text) follows on its own line.
 */
export function chatTextWithin(value: RichText, max: number, pointer: string): string {
  const full = toChatText(value);
  if (full.length <= max) return full;
  const room = max - pointer.length - 1;
  let out = '';
  for (const span of value) {
    const piece = toChatText([span]);
    if (out.length + piece.length <= room) {
      out += piece;
      continue;
    }
    out += shortenedSpan(span, room - out.length);
    break;
  }
  return `${out}\n${pointer}`;
}

/** The span with its own text shortened to fit `room` characters once written, or nothing. */
function shortenedSpan(span: Span, room: number): string {
  if (!('text' in span) || span.kind === 'link') return '';
  let chars = Math.min(span.text.length, room);
  // Markup and look-alikes may take more room than the text: shorten until the written span fits.
  while (chars > 0) {
    const piece = toChatText([{ ...span, text: shorten(span.text, chars) }]);
    if (piece.length <= room) return piece;
    chars -= Math.max(1, piece.length - room);
  }
  return '';
}
