/**
 * Cuts card HTML to at most `max` characters, ending with an ellipsis. The cut never splits what
 * Chat would then show as garbage: a tag, an entity (`&amp;`), a surrogate pair; it ends at a line
 * break when one is close to the end, and every tag still open is closed again.
 */
export function cutCardHtml(html: string, max: number): string {
  if (html.length <= max) return html;
  if (max < 1) return '';
  let room = max - 1;
  for (;;) {
    const kept = cleanEnd(html.slice(0, Math.max(0, room)));
    const out = `${kept}…${closingTags(kept)}`;
    // Closing tags take room too: shrink until the whole fits (each pass keeps less).
    if (out.length <= max || room <= 0) return out.length <= max ? out : '…';
    room -= out.length - max;
  }
}

function cleanEnd(cut: string): string {
  let out = cut;
  if (/[\uD800-\uDBFF]$/.test(out)) out = out.slice(0, -1);
  const open = out.lastIndexOf('<');
  if (open > out.lastIndexOf('>')) out = out.slice(0, open);
  out = out.replace(/&[#a-zA-Z0-9]*$/, '');
  // A cut at a line break reads better than one mid-word, when the break is close to the end.
  const lineEnd = out.lastIndexOf('<br>');
  if (lineEnd > out.length * 0.8) out = out.slice(0, lineEnd);
  return out;
}

/** The closing tags of the elements still open at the end of `html` (innermost first). */
export function closingTags(html: string): string {
  const open: string[] = [];
  for (const [, slash, name] of html.matchAll(/<(\/?)([a-z]+)\b[^>]*>/g)) {
    if (name === 'br') continue;
    if (slash) {
      if (open[open.length - 1] === name) open.pop();
    } else open.push(name!);
  }
  return open
    .reverse()
    .map((name) => `</${name}>`)
    .join('');
}
