import type { DocumentBlock, MessageDocument } from '../chat/message-document';
import { emoji, link, rich } from '../chat/rich-text';
import { logsExplorerUrl } from '../cloud-logging/gcfsd-filter';
import type { PullsReportRead } from '../pulls/read-pulls-report';
import { pullsMessage } from './pulls-message';

/**
 * The live `pulls` answer: pullsMessage, plus what the read left out. A read cut by its bounds
 * says its counts are a lower bound (newest first: the oldest pulls are the ones missing), as
 * `errors` does; entries that were not Kubernetes events are counted; the query opens in the
 * Logs Explorer.
 */
export function pullsReadMessage(read: PullsReportRead, query: { project: string; filter: string }): MessageDocument {
  const message = pullsMessage(read.report);
  const caveats: DocumentBlock[] = [];
  if (read.truncated) {
    caveats.push({
      type: 'text',
      text: rich`${emoji('warning')} Only the newest ${String(read.entriesRead)} log entries were read: counts are a lower bound and older pulls are missing.`,
    });
  }
  if (read.unreadable > 0) {
    caveats.push({
      type: 'text',
      text: rich`${emoji('warning')} ${String(read.unreadable)} log entr${read.unreadable === 1 ? 'y was' : 'ies were'} not a Kubernetes event and could not be read (not counted).`,
    });
  }
  const explorer = link(logsExplorerUrl(query.project, query.filter), 'Open the query in the Logs Explorer');
  const source: DocumentBlock = {
    type: 'context',
    text: rich`${explorer} · ${String(read.entriesRead)} log entries read`,
  };
  // The caveats right after the header and the totals: they qualify the figures; the source last.
  const at = Math.min(2, message.blocks.length);
  return {
    ...message,
    blocks: [...message.blocks.slice(0, at), ...caveats, ...message.blocks.slice(at), source],
  };
}
