/**
 * Escapes text for card HTML (textParagraph and the other widget texts that take "simple HTML",
 * https://developers.google.com/workspace/chat/format-messages#card-formatting): with `&`, `<`,
 * `>` and `"` as entities, no text a user or an API wrote can open a tag or leave an attribute.
 */
export function escapeCardHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Escaped text whose line breaks show as line breaks (`<br>`, the documented newline of card HTML). */
export function cardText(text: string): string {
  return escapeCardHtml(text).replace(/\r\n|\r|\n/g, '<br>');
}

/**
 * Text for card fields that Chat documents as plain text without saying whether it reads tags in
 * them (the header's title, a button's label): `<` and `>` become look-alikes, so the text reads
 * the same either way and can never open a tag.
 */
export function cardPlainText(text: string): string {
  return text.replace(/</g, '˂').replace(/>/g, '˃');
}
