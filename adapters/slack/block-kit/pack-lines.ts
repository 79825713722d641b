/**
 * Groups lines into chunks of at most `max` characters (joined by line breaks), so that a long list
 * takes few blocks. A single line longer than `max` gets a chunk of its own (fitMessage cuts it).
 */
export function packLines(lines: string[], max: number): string[] {
  const chunks: string[] = [];
  let current: string | null = null;
  for (const line of lines) {
    if (current !== null && current.length + 1 + line.length <= max) {
      current = `${current}\n${line}`;
    } else {
      if (current !== null) chunks.push(current);
      current = line;
    }
  }
  if (current !== null) chunks.push(current);
  return chunks;
}
