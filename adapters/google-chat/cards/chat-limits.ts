/**
 * Google Chat's documented limits, and the budgets this adapter derives from them. Chat rejects a
 * message over its size, and silently drops every section from the one that passes 100 widgets,
 * so each message is fitted before it is sent (fit-widgets.ts, chat-text-within.ts).
 */
export const CHAT_LIMITS = {
  /**
   * "The maximum message size, including any text or cards, is 32,000 bytes."
   * (https://developers.google.com/workspace/chat/create-messages, and spaces.messages.create);
   * a card alone: "Maximum size is 32 KB" (CardWithId reference).
   */
  messageBytes: 32_000,
  /**
   * What the rendered body may take, measured as UTF-8 JSON (never smaller than the wire form):
   * the rest is left for what other code adds around it (thread, actionResponse,
   * privateMessageViewer), which is why the body is not fitted to the full 32,000.
   */
  bodyBytes: 30_000,
  /**
   * "You can add up to 100 widgets per card. If a section's widgets push the total count above 100,
   * that entire section and all following sections are ignored." (Card reference,
   * https://developers.google.com/workspace/chat/api/reference/rest/v1/cards). Widgets inside
   * columns are counted too: the reference does not say they are exempt.
   */
  widgetsPerCard: 100,
  /** "The Columns widget displays up to 2 columns" (Columns reference). */
  columns: 2,
  // Chat documents no length for these; they are this adapter's own budgets, chosen so that one
  // long paragraph cannot crowd out the rest, and as Slack's renderer reads (3,000 per section).
  /** One textParagraph: a long list is packed into paragraphs of at most this many characters. */
  paragraphChars: 4_000,
  /** A message without cards: its text (Chat's own composer stops at 4,096 characters). */
  textChars: 4_096,
  /** The notification line of a card message (fallbackText). */
  fallbackChars: 1_000,
  /** The card header's title (shown on one or two lines, then truncated by Chat). */
  headerChars: 200,
  /** A button's label. */
  buttonLabelChars: 100,
  /** The "cut" pointer a renderer passes in, so that it cannot crowd out the content. */
  pointerChars: 500,
} as const;
