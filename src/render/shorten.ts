/**
 * Cuts remote text (a log line, an image reference) that would crowd a message, ending it with an
 * ellipsis: never inside a surrogate pair, and at a line break when one is close to the end. The
 * adapter escapes the result, so no escape or markup is ever split.
 *
 * Text over `max` characters keeps `max - 5` of them: the cut falls where the Slack renderers' own
 * cut (adapters/slack/block-kit/cut-text.ts, which keeps room to close a code block) put it before the chat seam,
 * so Slack messages read as they did.
 */
export function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${cutPoint(text, max)}…`;
}

/**
 * The first part of `text` kept when it is cut to `max` characters: `max - 5` of them (room for
 * an ellipsis and a closing mark), never ending inside a surrogate pair, and ending at a line break
 * when one is close to the end (reads better than a cut mid-word). Adapters that cut their own
 * markup start from it (adapters/slack/block-kit/cut-text.ts).
 */
export function cutPoint(text: string, max: number): string {
  const room = Math.max(0, max - 5);
  let cut = text.slice(0, room);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const lineEnd = cut.lastIndexOf('\n');
  if (lineEnd > room * 0.8) cut = cut.slice(0, lineEnd);
  return cut;
}
