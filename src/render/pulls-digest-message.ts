import type { DocumentBlock, MessageDocument } from '../chat/message-document';
import { type RichText, bold, code, emoji, joinRich, rich } from '../chat/rich-text';
import type { ClusterRef } from '../gke/cluster-ref';
import { CACHED_EXPECTED, type ImagePulls, type PullsReport } from '../pulls/pulls-report';
import { countsText, duration, notStreamedLines } from './pulls-message';

/** The window the digest covers: the widest `--since` of `pulls`. */
export const DIGEST_SINCE = '7d';

/** How the events were read (readPullsReport's figures besides the report). */
export interface DigestReadFigures {
  entriesRead: number;
  /** The read stopped at its bound: the figures cover only the entries read. */
  truncated: boolean;
  /** Entries that could not be read (counted, not guessed). */
  unreadable: number;
}

/**
 * The weekly digest of one cluster, posted to its alert destinations: pulls streamed vs full (and
 * cached), the time streaming saved, the images that fell back to full pulls on a pool that streams
 * with the failing rule and its fix (as `pulls` shows them), and the command for the full report.
 */
export function pullsDigestMessage(target: ClusterRef, report: PullsReport, read: DigestReadFigures): MessageDocument {
  const t = report.totals.pulls;
  const all = t.streamed + t.cached + t.full + t.unparsed;
  const blocks: DocumentBlock[] = [
    { type: 'header', text: `Weekly image pulls on ${target.cluster}`, emoji: 'bell' },
    {
      type: 'text',
      text: rich`Cluster ${code(target.cluster)} in ${code(target.location)}, project ${code(target.project)}, last 7 days.`,
    },
  ];

  if (all === 0) {
    blocks.push({
      type: 'text',
      text: rich`${emoji('information_source')} No image pulls found: no ${code('Pulled')} events for the pods.`,
    });
  } else {
    blocks.push({
      type: 'fields',
      fields: [
        rich`${bold('Streamed')}\n${String(t.streamed)}`,
        rich`${bold('Full')}\n${String(t.full)}`,
        rich`${bold('Cached')}\n${String(t.cached)}`,
        rich`${bold('Time saved')}\n${report.totals.savedSeconds === null ? 'not measured' : duration(report.totals.savedSeconds)}`,
      ],
    });
    const fellBack = report.images.map(fullPullsOnly).filter((i) => i.notStreamed.length > 0);
    if (fellBack.length > 0) {
      blocks.push(
        { type: 'divider' },
        { type: 'header', text: 'Fell back to full pulls on a streaming pool', emoji: 'warning' },
        { type: 'lines', lines: fellBack.flatMap(notStreamedLines) },
      );
    }
    const offPools = fullPullsWhereStreamingIsOff(report);
    if (offPools > 0) {
      blocks.push({
        type: 'text',
        text: rich`${String(offPools)} full pull${offPools === 1 ? '' : 's'} on node pools where image streaming is off.`,
      });
    }
  }

  const notes: RichText[] = [];
  if (read.truncated)
    notes.push(
      rich`${emoji('warning')} Only the first ${String(read.entriesRead)} events were read: figures are partial`,
    );
  if (read.unreadable > 0) notes.push(rich`${String(read.unreadable)} log entries could not be read (not counted)`);
  if (t.unparsed > 0) notes.push(rich`${String(t.unparsed)} pulls with no readable pull time`);
  notes.push(rich`Every image: ${code(pullsCommand(target))}`);
  blocks.push({ type: 'context', text: joinRich(notes, ' · ') });

  return {
    summary:
      all === 0
        ? rich`${target.cluster}: no image pulls in the last 7 days`
        : rich`${target.cluster}, last 7 days: ${countsText(t)} pulls${report.totals.savedSeconds === null ? '' : `, saved ${duration(report.totals.savedSeconds)}`}`,
    blocks,
    cut: rich`… cut: run ${code(pullsCommand(target))} for every image`,
  };
}

/** The command for the full report of the same window (project and location spelled out: defaults differ). */
export function pullsCommand(target: ClusterRef): string {
  return `/imagestream pulls ${target.cluster} --project ${target.project} --location ${target.location} --since ${DIGEST_SINCE}`;
}

// A pool whose pulls were all served from the node's cache did not fall back: that is expected.
function fullPullsOnly(i: ImagePulls): ImagePulls {
  return { ...i, notStreamed: i.notStreamed.filter((n) => n.reason !== CACHED_EXPECTED) };
}

function fullPullsWhereStreamingIsOff(report: PullsReport): number {
  return report.images.flatMap((i) => i.pools).reduce((sum, p) => sum + (p.streaming === 'off' ? p.pulls.full : 0), 0);
}
