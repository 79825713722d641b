const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML element content and quoted attribute values: with `&`, `<`, `>`, `"` and
 * `'` as entities, nothing a user, a remote API or a log line wrote can open a tag, close an
 * attribute or start an entity of its own.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Escaped text whose line breaks show as line breaks (`<br>`). */
export function htmlText(text: string): string {
  return escapeHtml(text).replace(/\r\n|\r|\n/g, '<br>');
}
