import type { EmojiName, RichText } from './rich-text';

/**
 * A message as the core builds it, once, for every platform: each adapter renders it in its own
 * format (Slack Block Kit, Google Chat cards v2, plain text) and within its own limits, cutting a
 * message that would not fit and ending it with `cut`.
 */
export interface MessageDocument {
  /** The one-line summary: notifications, screen readers, clients that show no blocks. */
  summary: RichText;
  blocks: DocumentBlock[];
  /** Where to read the rest when the platform has to cut the message (a command to run...). */
  cut?: RichText;
}

export type DocumentBlock =
  /** A title line (plain text), after an emoji where the title is a verdict (✅ Eligible). */
  | { type: 'header'; text: string; emoji?: EmojiName }
  /** A paragraph. */
  | { type: 'text'; text: RichText }
  /** Short label/value pairs, shown side by side where the platform can. */
  | { type: 'fields'; fields: RichText[] }
  /**
   * Lines that may be many (one per pool, rule, event): the adapter packs as many into each of its
   * blocks as its limits allow, so a long list takes few blocks and is never split mid-line.
   */
  | { type: 'lines'; lines: RichText[] }
  /** Preformatted lines (YAML, a filter), packed into code blocks the same way. */
  | { type: 'code'; lines: string[] }
  /** Small print under the content. */
  | { type: 'context'; text: RichText }
  | { type: 'divider' }
  /** Buttons; the message's closing buttons stay when the adapter has to cut the message. */
  | { type: 'buttons'; buttons: Button[]; group?: string };

/** A button: either an action the bot handles (`action` + `value`) or a link (`url`). */
export interface Button {
  label: string;
  /** The action's id: what the adapter's listener routes on. */
  action: string;
  /** What the action acts on (a request id, an alert id); never trusted when it comes back. */
  value?: string;
  /** Opens this address instead of calling the bot. */
  url?: string;
  style?: 'primary' | 'danger';
}

/** A message of one paragraph (usage errors, short answers). */
export function textMessage(body: RichText): MessageDocument {
  return { summary: body, blocks: [] };
}
