import type { DocumentBlock, MessageDocument } from '../chat/message-document';
import { type RichText, bold, code, emoji, italic, joinRich, rich } from '../chat/rich-text';
import { BUCKETS } from '../pulls/pull-stats';
import {
  CACHED_EXPECTED,
  ImagePulls,
  PullCounts,
  PullsReport,
  TimeFigures,
  pullTimeHistogram,
} from '../pulls/pulls-report';
import { shorten } from './shorten';

/** Image references run to hundreds of characters; the start names the repository. */
const IMAGE_CHARS = 120;
/** Width of the longest histogram bar, in characters: fits a phone's code block. */
const BAR_WIDTH = 16;

/**
 * `pulls`: per image, how its pulls went (streamed, cached, full, unparsed), median and p90 pull
 * time streamed vs full and the time saved; the totals; the images never streamed on a pool that
 * streams, with the failing rule and its fix; and a text histogram of pull times in a code block
 * (it reads the same in Slack, Google Chat and a terminal, and needs no image hosting).
 */
export function pullsMessage(report: PullsReport): MessageDocument {
  const where = report.cluster ?? 'the cluster';
  const window = report.since === null ? '' : sinceText(report.since);
  const blocks: DocumentBlock[] = [{ type: 'header', text: `Image pulls on ${where}${window}` }];
  const t = report.totals.pulls;
  const all = t.streamed + t.cached + t.full + t.unparsed;

  if (all === 0) {
    blocks.push({
      type: 'text',
      text: rich`${emoji('information_source')} No image pulls found${window}: no ${code('Pulled')} events for the pods.`,
    });
  } else {
    blocks.push({
      type: 'text',
      text: rich`${bold(String(all))} pulls of ${String(report.images.length)} image${report.images.length === 1 ? '' : 's'}: ${countsText(t)}.${savedText(report.totals.savedSeconds, ' Time saved by streaming: ')}`,
    });
    blocks.push({ type: 'lines', lines: report.images.map(imageLine) });
    const flagged = report.images.filter((i) => i.notStreamed.length > 0);
    if (flagged.length > 0) {
      blocks.push({ type: 'divider' }, { type: 'header', text: 'Not streamed on a streaming pool', emoji: 'warning' });
      blocks.push({ type: 'lines', lines: flagged.flatMap(notStreamedLines) });
    }
    const histogram = histogramLines(report);
    if (histogram.length > 0) blocks.push({ type: 'code', lines: histogram });
  }

  const notes: RichText[] = [];
  if (report.unparsedWithoutImage > 0) {
    notes.push(rich`${String(report.unparsedWithoutImage)} pull events named no readable image (not counted)`);
  }
  notes.push(
    report.poolSource === 'pools list'
      ? rich`Pools from the node pools list`
      : rich`Pools read from the node names (${code('gke-CLUSTER-POOL-…')}); streaming per pool unknown unless a pull there streamed`,
  );
  notes.push(rich`Saved = (median full − median streamed) × streamed pulls`);
  blocks.push({ type: 'context', text: joinRich(notes, ' · ') });

  return {
    summary:
      all === 0
        ? rich`${where}: no image pulls${window}`
        : rich`${where}: ${String(t.streamed)} streamed, ${String(t.cached)} cached, ${String(t.full)} full pulls${window}${savedText(report.totals.savedSeconds, ', saved ')}`,
    blocks,
    cut: rich`… cut: run ${code('imagestream pulls --json')} for every image`,
  };
}

function imageLine(i: ImagePulls): RichText {
  const parts: RichText[] = [rich`${code(shorten(i.image, IMAGE_CHARS))}: ${countsText(i.pulls)}`];
  const times = [figures('streamed', i.seconds.streamed), figures('full', i.seconds.full)].filter(
    (x): x is string => x !== null,
  );
  if (times.length > 0) parts.push(rich`${times.join(', ')}`);
  if (i.savedSeconds !== null) parts.push(rich`saved ${bold(duration(i.savedSeconds))}`);
  return joinRich(parts, ' · ');
}

/** One line per pool where the image was not streamed: the failing rule, its reason and fix. */
export function notStreamedLines(i: ImagePulls): RichText[] {
  return i.notStreamed.map((n) => {
    const pool = n.pool === null ? italic('unknown pool') : code(n.pool);
    const head = rich`${code(shorten(i.image, IMAGE_CHARS))} on pool ${pool}: `;
    if (n.reason === CACHED_EXPECTED) return rich`${head}${n.reason}`;
    const rule = n.rule === null ? [] : rich`${bold(n.rule)}: `;
    const fix = n.fix === null ? [] : rich`\n    Fix: ${code(n.fix)}`;
    return rich`${emoji('warning')} ${head}${rule}${n.reason}${fix}`;
  });
}

/** The histogram, streamed against full, one row per BUCKETS range that holds a pull. */
export function histogramLines(report: PullsReport): string[] {
  const h = pullTimeHistogram(report);
  const max = Math.max(...h.streamed, ...h.full);
  if (max === 0) return [];
  const first = BUCKETS.findIndex((_, i) => h.streamed[i]! + h.full[i]! > 0);
  const last =
    BUCKETS.length -
    1 -
    [...BUCKETS].reverse().findIndex((_, r) => {
      const i = BUCKETS.length - 1 - r;
      return h.streamed[i]! + h.full[i]! > 0;
    });
  const countWidth = String(max).length;
  // An empty range stays blank: the bars that are there stand out.
  const cell = (n: number) => `${bar(n, max).padEnd(BAR_WIDTH)} ${(n === 0 ? '' : String(n)).padStart(countWidth)}`;
  const title = 'pull time';
  const labelWidth = Math.max(title.length, ...BUCKETS.map((b) => b.label.length));
  const lines = [`${title.padEnd(labelWidth)}  ${'streamed'.padEnd(BAR_WIDTH + 1 + countWidth)}  full`];
  for (let i = first; i <= last; i++) {
    lines.push(`${BUCKETS[i]!.label.padEnd(labelWidth)}  ${cell(h.streamed[i]!)}  ${cell(h.full[i]!)}`.trimEnd());
  }
  return lines;
}

/** A bar of full blocks, at least one for any count above zero (a lone pull must show). */
function bar(n: number, max: number): string {
  if (n === 0) return '';
  return '█'.repeat(Math.max(1, Math.round((n / max) * BAR_WIDTH)));
}

/** `3 streamed, 1 cached, 2 full` (and the unparsed, when any). */
export function countsText(c: PullCounts): string {
  const parts = [`${c.streamed} streamed`, `${c.cached} cached`, `${c.full} full`];
  if (c.unparsed > 0) parts.push(`${c.unparsed} unparsed`);
  return parts.join(', ');
}

function figures(label: string, f: TimeFigures): string | null {
  if (f.median === null || f.p90 === null) return null;
  return `${label} median ${duration(f.median)}, p90 ${duration(f.p90)}`;
}

function savedText(seconds: number | null, prefix: string): string {
  return seconds === null ? '' : `${prefix}${duration(seconds)}`;
}

/** `850ms`, `1.54s`, `23.9s`, `4m 05s`, `1h 02m`: as long as needed, no longer. */
export function duration(seconds: number): string {
  const sign = seconds < 0 ? '−' : '';
  const s = Math.abs(seconds);
  if (s < 1) return `${sign}${Math.round(s * 1000)}ms`;
  if (s < 10) return `${sign}${trim(s.toFixed(2))}s`;
  if (s < 60) return `${sign}${trim(s.toFixed(1))}s`;
  const whole = Math.round(s);
  if (whole < 3600) return `${sign}${Math.floor(whole / 60)}m ${String(whole % 60).padStart(2, '0')}s`;
  const minutes = Math.round(s / 60);
  return `${sign}${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

function trim(fixed: string): string {
  return fixed.replace(/\.?0+$/, '');
}

/** `24h` -> " (last 24h)"; an ISO time (the CLI's earliest event) -> " (since 2026-…)". */
function sinceText(since: string): string {
  return /^\d+[hdm]$/.test(since) ? ` (last ${since})` : ` (since ${since})`;
}
