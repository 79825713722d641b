import { CACHED_EXPECTED, PullsReport, TimeFigures } from '../../pulls/pulls-report';
import { duration, histogramLines } from '../../render/pulls-message';

/** `imagestream pulls` for a terminal: one table row per image, the flagged pools, the histogram. */
export function renderPullsText(report: PullsReport): string {
  const out: string[] = [];
  const where = report.cluster ?? '(cluster not named in the events)';
  out.push(`cluster ${where}${report.since === null ? '' : `, events since ${report.since}`}`);
  if (report.images.length === 0) {
    out.push('no image pulls found');
    return out.join('\n') + '\n';
  }
  const header = ['IMAGE', 'STREAMED', 'CACHED', 'FULL', 'UNPARSED', 'STREAMED MEDIAN/P90', 'FULL MEDIAN/P90', 'SAVED'];
  const rows = report.images.map((i) => [
    i.image,
    String(i.pulls.streamed),
    String(i.pulls.cached),
    String(i.pulls.full),
    String(i.pulls.unparsed),
    figures(i.seconds.streamed),
    figures(i.seconds.full),
    i.savedSeconds === null ? '-' : duration(i.savedSeconds),
  ]);
  const t = report.totals;
  rows.push([
    'TOTAL',
    String(t.pulls.streamed),
    String(t.pulls.cached),
    String(t.pulls.full),
    String(t.pulls.unparsed),
    '',
    '',
    t.savedSeconds === null ? '-' : duration(t.savedSeconds),
  ]);
  out.push(...table(header, rows));

  const flagged = report.images.flatMap((i) => i.notStreamed.map((n) => ({ image: i.image, ...n })));
  if (flagged.length > 0) {
    out.push('', 'not streamed on a pool where streaming is on (or unknown):');
    for (const f of flagged) {
      const pool = f.pool ?? '(unknown pool)';
      out.push(
        `  ${f.image} on ${pool}: ${f.reason === CACHED_EXPECTED ? '' : f.rule ? `${f.rule}: ` : ''}${f.reason}`,
      );
      if (f.fix) out.push(`    fix: ${f.fix}`);
    }
  }
  const histogram = histogramLines(report);
  if (histogram.length > 0) out.push('', ...histogram);
  if (report.unparsedWithoutImage > 0) {
    out.push('', `${report.unparsedWithoutImage} pull events named no readable image (not counted)`);
  }
  out.push(
    '',
    `pools: ${report.poolSource === 'pools list' ? 'from --pools' : 'read from node names (give --pools for streaming per pool)'}; saved = (median full - median streamed) x streamed pulls`,
  );
  return out.join('\n') + '\n';
}

function figures(f: TimeFigures): string {
  return f.median === null || f.p90 === null ? '-' : `${duration(f.median)} / ${duration(f.p90)}`;
}

/** Left-aligned text columns, right-aligned numbers, two spaces between. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const numeric = header.map((_, c) => c >= 1 && c <= 4);
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
