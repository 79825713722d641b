import type { KnownBlock } from '@slack/types';
import type { ErrorClass } from '../classifier/error-class';
import type { ErrorClassSummary, ErrorsSummary } from '../cloud-logging/query-gcfsd-errors';
import { contextBlock, headerBlock, sectionBlock } from './block-builders';
import { codeSpan } from './code-span';
import { cutText } from './cut-text';
import { slackDate } from './slack-date';
import { SlackMessage, escapeMrkdwn, fitMessage } from './slack-message';

/** DOMAIN.md's names of the gcfsd error classes, as a reader of the logs knows them. */
const CLASS_TITLES: Readonly<Record<Exclude<ErrorClass, 'none'>, string>> = {
  permission_denied: 'PermissionDenied: missing API scope',
  quota_exceeded: 'Quota exceeded (ResourceExhausted)',
  failed_precondition: 'FailedPrecondition: image not imported yet',
  invalid_argument: 'InvalidArgument: image not eligible',
  symlink_rename: 'Symlink rename: "No such device or address"',
};

/** One log line is enough to recognise the error; the Logs Explorer link has the rest. */
const SAMPLE_CHARS = 300;
/** Image references run to hundreds of characters; the start names the repository. */
const IMAGE_CHARS = 120;

/**
 * `/imagestream errors`: one block per gcfsd error class (count, first and last seen, nodes, one
 * sample line, meaning and fix); with no errors, says so and shows the filter used. Both end with
 * the Logs Explorer link, and a truncated read says its counts are a lower bound.
 */
export function renderErrorsSummary(summary: ErrorsSummary): SlackMessage {
  const cluster = escapeMrkdwn(summary.cluster);
  const range = `the last ${summary.since}`;
  const link = `<${summary.explorerUrl}|Open the query in the Logs Explorer>`;
  const blocks: KnownBlock[] = [headerBlock(`gcfsd errors on ${summary.cluster} (last ${summary.since})`)];

  if (summary.classes.length === 0) {
    blocks.push(
      sectionBlock(
        `:large_green_circle: No gcfsd errors on cluster ${codeSpan(summary.cluster)} (project ${codeSpan(summary.project)}) in ${range}` +
          ` (${summary.entriesRead} log entries read).`,
      ),
      sectionBlock(`Filter used:\n\`\`\`\n${escapeMrkdwn(summary.filter)}\n\`\`\``),
    );
  } else {
    const total = summary.classes.reduce((n, c) => n + c.count, 0);
    blocks.push(
      sectionBlock(
        `Cluster ${codeSpan(summary.cluster)}, project ${codeSpan(summary.project)}: *${total}* error entries in ${range}, ` +
          `${summary.classes.length} kind${summary.classes.length === 1 ? '' : 's'}.`,
      ),
    );
    for (const errorClass of summary.classes) blocks.push(sectionBlock(classText(errorClass)));
  }

  if (summary.truncated) {
    blocks.push(
      sectionBlock(
        `:warning: Only the newest ${summary.entriesRead} entries were read: counts are a lower bound and first-seen times are later than the real ones.`,
      ),
    );
  }
  const unclassified =
    summary.unclassified > 0 ? ` · ${summary.unclassified} other entries (gcfsd info lines, unrelated errors)` : '';
  blocks.push(contextBlock(`${link}${unclassified}`));

  const text =
    summary.classes.length === 0
      ? `${cluster}: no gcfsd errors in ${range}`
      : `${cluster}: ${summary.classes.map((c) => `${c.count} ${c.class}`).join(', ')} in ${range}${summary.truncated ? ' (at least)' : ''}`;
  return fitMessage({ text, blocks }, `… cut: ${link} for every entry`);
}

function classText(c: ErrorClassSummary): string {
  const lines = [
    `*:red_circle: ${escapeMrkdwn(CLASS_TITLES[c.class])}*: ${c.count} entr${c.count === 1 ? 'y' : 'ies'}`,
    `First seen ${when(c.firstSeen)}, last seen ${when(c.lastSeen)}`,
  ];
  if (c.nodesTotal > 0) {
    const more = c.nodesTotal > c.nodes.length ? ` and ${c.nodesTotal - c.nodes.length} more` : '';
    lines.push(`Nodes (${c.nodesTotal}): ${c.nodes.map(codeSpan).join(', ')}${more}`);
  }
  if (c.images.length > 0) lines.push(`Images: ${c.images.map((i) => codeSpan(cutText(i, IMAGE_CHARS))).join(', ')}`);
  lines.push(`_${escapeMrkdwn(c.meaning)}_`, `*Fix:* ${escapeMrkdwn(c.fix)}`);
  // Last, and cut after escaping (an escape can triple a character): if anything must give way, it is the sample.
  if (c.sample) lines.push(`Sample: ${cutText(codeSpan(oneLine(c.sample)), SAMPLE_CHARS)}`);
  return lines.join('\n');
}

function when(timestamp: string): string {
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? '_unknown_' : slackDate(ms);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
