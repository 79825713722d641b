import type { DocumentBlock, MessageDocument } from '../chat/message-document';
import { type RichText, bold, code, date, emoji, italic, joinRich, link, pre, rich } from '../chat/rich-text';
import type { ErrorClass } from '../classifier/error-class';
import type { ErrorClassSummary, ErrorsSummary } from '../cloud-logging/query-gcfsd-errors';
import { shorten } from './shorten';

/** docs/image-streaming.md's names of the gcfsd error classes, as a reader of the logs knows them. */
const CLASS_TITLES: Readonly<Record<Exclude<ErrorClass, 'none'>, string>> = {
  permission_denied: 'PermissionDenied: missing API scope',
  quota_exceeded: 'Quota exceeded (ResourceExhausted)',
  failed_precondition: 'FailedPrecondition: image not imported yet',
  invalid_argument: 'InvalidArgument: image not eligible',
  symlink_rename: 'Symlink rename: "No such device or address"',
};

/**
 * One log line is enough to recognise the error; the Logs Explorer link has the rest. (299: the
 * cut Slack showed before the seam, when it cut the 300-character code span, backticks included.)
 */
const SAMPLE_CHARS = 299;
/** Image references run to hundreds of characters; the start names the repository. */
const IMAGE_CHARS = 120;

/**
 * `/imagestream errors`: one block per gcfsd error class (count, first and last seen, nodes, one
 * sample line, meaning and fix); with no errors, says so and shows the filter used. Both end with
 * the Logs Explorer link, and a truncated read says its counts are a lower bound.
 */
export function errorsSummaryMessage(summary: ErrorsSummary): MessageDocument {
  const range = `the last ${summary.since}`;
  const explorer = link(summary.explorerUrl, 'Open the query in the Logs Explorer');
  const blocks: DocumentBlock[] = [
    { type: 'header', text: `gcfsd errors on ${summary.cluster} (last ${summary.since})` },
  ];

  if (summary.classes.length === 0) {
    blocks.push(
      {
        type: 'text',
        text: rich`${emoji('large_green_circle')} No gcfsd errors on cluster ${code(summary.cluster)} (project ${code(summary.project)}) in ${range} (${summary.entriesRead} log entries read).`,
      },
      { type: 'text', text: rich`Filter used:\n${pre(summary.filter)}` },
    );
  } else {
    const total = summary.classes.reduce((n, c) => n + c.count, 0);
    const kinds = `${summary.classes.length} kind${summary.classes.length === 1 ? '' : 's'}`;
    blocks.push({
      type: 'text',
      text: rich`Cluster ${code(summary.cluster)}, project ${code(summary.project)}: ${bold(String(total))} error entries in ${range}, ${kinds}.`,
    });
    for (const errorClass of summary.classes) blocks.push({ type: 'text', text: classText(errorClass) });
  }

  if (summary.truncated) {
    blocks.push({
      type: 'text',
      text: rich`${emoji('warning')} Only the newest ${summary.entriesRead} entries were read: counts are a lower bound and first-seen times are later than the real ones.`,
    });
  }
  const unclassified =
    summary.unclassified > 0 ? ` · ${summary.unclassified} other entries (gcfsd info lines, unrelated errors)` : '';
  blocks.push({ type: 'context', text: rich`${explorer}${unclassified}` });

  const found = summary.classes.map((c) => `${c.count} ${c.class}`).join(', ');
  return {
    summary:
      summary.classes.length === 0
        ? rich`${summary.cluster}: no gcfsd errors in ${range}`
        : rich`${summary.cluster}: ${found} in ${range}${summary.truncated ? ' (at least)' : ''}`,
    blocks,
    cut: rich`… cut: ${explorer} for every entry`,
  };
}

function classText(c: ErrorClassSummary): RichText {
  const lines: RichText[] = [
    // The emoji stands before the bold title: a bold span holds plain text only.
    rich`${emoji('red_circle')} ${bold(CLASS_TITLES[c.class])}: ${c.count} entr${c.count === 1 ? 'y' : 'ies'}`,
    rich`First seen ${when(c.firstSeen)}, last seen ${when(c.lastSeen)}`,
  ];
  if (c.nodesTotal > 0) {
    const more = c.nodesTotal > c.nodes.length ? ` and ${c.nodesTotal - c.nodes.length} more` : '';
    lines.push(rich`Nodes (${c.nodesTotal}): ${codes(c.nodes)}${more}`);
  }
  if (c.images.length > 0) lines.push(rich`Images: ${codes(c.images.map((i) => shorten(i, IMAGE_CHARS)))}`);
  lines.push([italic(c.meaning)], rich`${bold('Fix:')} ${c.fix}`);
  // Last: if anything must give way when the platform cuts the block, it is the sample.
  if (c.sample) lines.push(rich`Sample: ${code(shorten(oneLine(c.sample), SAMPLE_CHARS))}`);
  return joinRich(lines, '\n');
}

function codes(values: string[]): RichText {
  return joinRich(
    values.map((value) => [code(value)]),
    ', ',
  );
}

function when(timestamp: string): RichText {
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? [italic('unknown')] : [date(ms)];
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
