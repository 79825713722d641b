import { CHAT_LIMITS } from './chat-limits';
import type { Widget } from './card-widgets';
import { cutCardHtml } from './cut-card-html';
import { widgetCount } from './widget-count';

/** The card's widgets, in order, and what must survive a cut. */
export interface CardContent {
  widgets: Widget[];
  /** The message's closing buttons: what it is for (Approve / Deny), kept when the rest is cut. */
  closing: Widget[];
  /** A paragraph saying where to read the rest (the document's `cut`), shown only when cut. */
  pointer: Widget;
}

// A paragraph cut to fewer characters than this is not worth showing: the pointer says the rest.
const MIN_PARTIAL_CHARS = 80;

/**
 * The widgets of a card within Chat's limits: at most 100 widgets, and `bytesOf(widgets)` (the
 * whole message body's size) within the body budget. What fits is kept in order; the first widget
 * that does not is cut if it is a paragraph (else dropped), then come the pointer and the closing
 * buttons.
 */
export function fitWidgets(content: CardContent, bytesOf: (widgets: Widget[]) => number): Widget[] {
  const fits = (widgets: Widget[]): boolean =>
    widgets.reduce((n, w) => n + widgetCount(w), 0) <= CHAT_LIMITS.widgetsPerCard &&
    bytesOf(widgets) <= CHAT_LIMITS.bodyBytes;
  const all = [...content.widgets, ...content.closing];
  if (fits(all)) return all;

  const tail = [content.pointer, ...content.closing];
  // Closing buttons too big to fit beside the pointer (never with the bot's own ids): the pointer alone.
  if (!fits(tail)) return [content.pointer];
  const kept: Widget[] = [];
  for (const widget of content.widgets) {
    if (fits([...kept, widget, ...tail])) {
      kept.push(widget);
      continue;
    }
    const partial = cutParagraph(widget, (cut) => fits([...kept, cut, ...tail]));
    if (partial) kept.push(partial);
    break;
  }
  return [...kept, ...tail];
}

/** The longest cut of a paragraph that `fits` accepts (binary search on its length), if any worth showing. */
function cutParagraph(widget: Widget, fits: (widget: Widget) => boolean): Widget | undefined {
  const html = widget.textParagraph?.text;
  if (!html) return undefined;
  const at = (chars: number): Widget => ({
    textParagraph: { ...widget.textParagraph, text: cutCardHtml(html, chars) },
  });
  let low = MIN_PARTIAL_CHARS;
  let high = html.length - 1;
  if (low > high || !fits(at(low))) return undefined;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(at(mid))) low = mid;
    else high = mid - 1;
  }
  return at(low);
}
