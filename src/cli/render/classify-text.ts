import { StreamResult } from '../../classifier/classify-stream';

/** One block per entry that says something (errors and classified lines); `none` entries are counted. */
export function renderClassifiedText(results: StreamResult[]): string {
  const lines: string[] = [];
  let none = 0;
  results.forEach((r, i) => {
    if ('error' in r) {
      lines.push(`line ${r.line}: error: ${r.error}`);
      return;
    }
    if (r.class === 'none') {
      none += 1;
      return;
    }
    const where = [
      r.project && `project=${r.project}`,
      r.cluster && `cluster=${r.cluster}`,
      r.location && `location=${r.location}`,
      r.node && `node=${r.node}`,
    ]
      .filter(Boolean)
      .join(' ');
    lines.push(`entry ${i + 1}: ${r.class}${where ? `  ${where}` : ''}${r.timestamp ? `  at ${r.timestamp}` : ''}`);
    if (r.message) lines.push(`  log: ${r.message.length > 300 ? r.message.slice(0, 300) + '...' : r.message}`);
    if (r.meaning) lines.push(`  means: ${r.meaning}`);
    if (r.fix) lines.push(`  fix: ${r.fix}`);
  });
  const classified = results.length - none - results.filter((r) => 'error' in r).length;
  lines.push(
    `${results.length} entries: ${classified} gcfsd problems, ${none} without a known problem, ${results.length - classified - none} unreadable`,
  );
  return lines.join('\n') + '\n';
}
