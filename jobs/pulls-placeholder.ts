import type { MessageDocument } from '../src/chat/message-document';
import { code, link, pre, rich } from '../src/chat/rich-text';
import { logsExplorerUrl } from '../src/cloud-logging/gcfsd-filter';
import type { ReadAndAnalysePulls } from './read-and-analyse-pulls';

/**
 * TEMPORARY (issue 12): the `pulls` answer before the events reader and the analysis are wired in.
 * It reads no events: it says how many node pools the cluster has, how many stream, and the filter
 * the reader will use, with its Logs Explorer link, so the job runs end to end meanwhile.
 */
export const placeholderPullsAnswer: ReadAndAnalysePulls = async ({ request, streaming, filter }) => {
  const { project, location, cluster } = request.target;
  const pools = streaming.pools.length;
  const streamingPools = streaming.pools.filter((p) => p.streaming).length;
  const explorer = link(logsExplorerUrl(project, filter), 'Open the query in the Logs Explorer');
  const document: MessageDocument = {
    summary: rich`${cluster}: ${String(pools)} node pool${pools === 1 ? '' : 's'}, pull events not analysed yet`,
    blocks: [
      { type: 'header', text: `Image pulls on ${cluster} (last ${request.since})` },
      {
        type: 'text',
        text: rich`Cluster ${code(cluster)} (project ${code(project)}, ${code(location)}): ${String(pools)} node pool${pools === 1 ? '' : 's'}, ${String(streamingPools)} with image streaming on.`,
      },
      { type: 'text', text: rich`The pull events are not analysed yet. Filter that will be used:\n${pre(filter)}` },
      { type: 'context', text: rich`${explorer}` },
    ],
  };
  return document;
};
