/**
 * Groups rendered lines into chunks of at most `max` characters, joined by `<br>`, so that a long
 * list takes few widgets. A line is never split; one longer than `max` gets a chunk of its own
 * (the widget builder cuts it).
 */
export function packCardLines(lines: string[], max: number): string[] {
  const chunks: string[] = [];
  let current: string | null = null;
  for (const line of lines) {
    if (current !== null && current.length + 4 + line.length <= max) current = `${current}<br>${line}`;
    else {
      if (current !== null) chunks.push(current);
      current = line;
    }
  }
  if (current !== null) chunks.push(current);
  return chunks;
}
