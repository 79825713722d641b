import { type PrincipalId, localIdOf, platformOf } from '../../../src/chat/principal-id';
import { EMOJI, type RichText, type Span, utcDate } from '../../../src/chat/rich-text';
import { escapeHtml, htmlText } from './escape-html';
import { webUrl } from './web-url';

/** The web chat's platform name (principals `web:alice`, the space `playground`). */
const WEB = 'web';

/**
 * Rich text as HTML for the playground's page. Every plain part goes through escapeHtml, so the
 * only tags are the ones written here: strong, em, code, pre, a (http/https only), span, time, br.
 */
export function richTextToHtml(value: RichText): string {
  return value.map(spanToHtml).join('');
}

function spanToHtml(span: Span): string {
  switch (span.kind) {
    case 'text':
      return htmlText(span.text);
    case 'bold':
      return `<strong>${htmlText(span.text)}</strong>`;
    case 'italic':
      return `<em>${htmlText(span.text)}</em>`;
    case 'code': {
      // Inline: a line break would split the span, so it reads as a space (as in the other adapters).
      const inline = `<code>${escapeHtml(span.text.replace(/[\r\n]+/g, ' '))}</code>`;
      return span.bold ? `<strong>${inline}</strong>` : inline;
    }
    case 'pre':
      // Inside <pre> the line breaks are the text's own: no <br>.
      return `<pre>${escapeHtml(span.text)}</pre>`;
    case 'link': {
      const href = webUrl(span.url);
      return href === null
        ? htmlText(`${span.text} (${span.url})`)
        : `<a href="${escapeHtml(href)}" target="_blank" rel="noopener">${htmlText(span.text)}</a>`;
    }
    case 'mention':
      return `<span class="mention">${escapeHtml(readableMention(span.principal))}</span>`;
    case 'space':
      return `<span class="space">#${escapeHtml(span.space)}</span>`;
    case 'group':
      return `<span class="group">@${escapeHtml(span.group)}</span>`;
    case 'date':
      return dateHtml(span.epochMs);
    case 'emoji':
      // A document read back from Redis is schema-checked, but an unknown name shows nothing rather than `undefined`.
      return escapeHtml(EMOJI[span.name] ?? '');
  }
}

/** `@alice` for a playground user; anyone else (another platform's principal) by their full id. */
export function readableMention(principal: PrincipalId): string {
  return platformOf(principal) === WEB ? `@${localIdOf(principal)}` : principal;
}

/** A moment in UTC, as the other adapters show it, with its machine-readable form. */
function dateHtml(epochMs: number): string {
  const moment = new Date(epochMs);
  if (Number.isNaN(moment.getTime())) return 'an unknown time';
  return `<time datetime="${moment.toISOString()}">${escapeHtml(utcDate(epochMs))}</time>`;
}
