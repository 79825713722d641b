import { EMOJI, type RichText, type Span } from '../../../src/chat/rich-text';
import { chatDate } from './chat-date';
import { cardText, escapeCardHtml } from './escape-card-html';
import { readableGroup, readableMention, readableSpace } from './readable-ids';

/**
 * Rich text as card HTML: the documented subset (`<b>`, `<i>`, `<font color>`, `<a href>`, `<br>`,
 * https://developers.google.com/workspace/chat/format-messages#card-formatting) plus `<code>` and
 * `<pre>` for monospace, which Chat renders in card text though its table does not list them.
 * Every plain part is escaped (escapeCardHtml), so only this function writes tags.
 */
export function toCardHtml(value: RichText): string {
  return value.map(spanToCardHtml).join('');
}

function spanToCardHtml(span: Span): string {
  switch (span.kind) {
    case 'text':
      return cardText(span.text);
    case 'bold':
      return `<b>${cardText(span.text)}</b>`;
    case 'italic':
      return `<i>${cardText(span.text)}</i>`;
    case 'code': {
      // Inline: a line break would split the span, so it reads as a space.
      const inline = `<code>${escapeCardHtml(span.text.replace(/[\r\n]+/g, ' '))}</code>`;
      return span.bold ? `<b>${inline}</b>` : inline;
    }
    case 'pre':
      return `<pre>${cardText(span.text)}</pre>`;
    case 'link':
      // Only web addresses become links (the URL is built from API fields, never a user's).
      return /^https?:\/\//i.test(span.url)
        ? `<a href="${escapeCardHtml(span.url)}">${cardText(span.text)}</a>`
        : cardText(`${span.text} (${span.url})`);
    case 'mention':
      return escapeCardHtml(readableMention(span.principal));
    case 'space':
      return escapeCardHtml(readableSpace(span.platform, span.space));
    case 'group':
      return escapeCardHtml(readableGroup(span.group));
    case 'date':
      return chatDate(span.epochMs);
    case 'emoji':
      return EMOJI[span.name];
  }
}
