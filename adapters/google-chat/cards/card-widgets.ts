import type { chat_v1 } from 'googleapis';
import { CHAT_LIMITS } from './chat-limits';
import { cutCardHtml } from './cut-card-html';

/** A widget of a card section (Chat API `GoogleAppsCardV1Widget`). */
export type Widget = chat_v1.Schema$GoogleAppsCardV1Widget;

// Small print: Google's secondary text grey; card HTML has no smaller font, only a colour.
const SMALL_PRINT_COLOR = '#5f6368';

/**
 * A paragraph of card HTML (the caller has escaped whatever user or remote text it holds). One
 * over the adapter's paragraph budget is cut and ends with `pointer` (where to read the rest).
 */
export function paragraph(html: string, pointer: string): Widget {
  return { textParagraph: { text: withinParagraph(html, pointer) } };
}

/** Small print under the content (the neutral `context` block): a paragraph in grey. */
export function smallPrint(html: string, pointer: string): Widget {
  return paragraph(`<font color="${SMALL_PRINT_COLOR}">${html}</font>`, pointer);
}

export function divider(): Widget {
  return { divider: {} };
}

/**
 * Short label/value pairs side by side: a two-column row per pair (Chat's columns hold at most two,
 * and widgets of two columns do not line up, so each pair gets its own row); a last odd one alone.
 */
export function fieldRows(fields: string[], pointer: string): Widget[] {
  const rows: Widget[] = [];
  for (let i = 0; i < fields.length; i += CHAT_LIMITS.columns) {
    const pair = fields.slice(i, i + CHAT_LIMITS.columns).map((html) => withinParagraph(html, pointer));
    if (pair.length < CHAT_LIMITS.columns) rows.push({ textParagraph: { text: pair[0]! } });
    else
      rows.push({
        columns: {
          columnItems: pair.map((text) => ({
            horizontalSizeStyle: 'FILL_AVAILABLE_SPACE',
            widgets: [{ textParagraph: { text } }],
          })),
        },
      });
  }
  return rows;
}

function withinParagraph(html: string, pointer: string): string {
  // Chat rejects an empty text; a paragraph with nothing to say shows a dash, as Slack's does.
  if (html.length === 0) return '-';
  if (html.length <= CHAT_LIMITS.paragraphChars) return html;
  return `${cutCardHtml(html, CHAT_LIMITS.paragraphChars - pointer.length - 4)}<br>${pointer}`;
}
