import type { MessageDocument } from '../src/chat/message-document';
import type { ClusterStreamingState } from '../src/gke/streaming-settings';
import type { ClusterResponse } from '../src/google/cluster-response';
import { readPullsReport } from '../src/pulls/read-pulls-report';
import type { JobData } from '../src/queue/job-schemas';
import { pullsReadMessage } from '../src/render/pulls-read-message';
import type { WorkerDeps } from './worker-deps';

/** What the job hands to the events reader: the request, the cluster as GKE describes it, and the filter. */
export interface PullsJobInput {
  /** The validated payload, reply target left out: the reader answers nobody, it returns the answer. */
  request: Omit<JobData<'pulls'>, 'replyTo'>;
  /** `clusters.get`, validated (src/google/cluster-response.ts): its pools, versions, locations. */
  cluster: ClusterResponse;
  /** The cluster default and each pool's streaming state (src/gke/streaming-settings.ts). */
  streaming: ClusterStreamingState;
  /** The Cloud Logging filter of the cluster's pull events (src/cloud-logging/pull-events-filter.ts). */
  filter: string;
}

/**
 * ===== THE SEAM: where the events are read and analysed. =====
 * Reads the pull events through `input.filter` (Cloud Logging, paged and bounded like `errors`),
 * joins them with the cluster's pools, and returns the answer to post. `K` names the WorkerDeps it
 * uses besides what the job itself needs (the Logging client, the facts `check` gathers...).
 */
export type ReadAndAnalysePulls<K extends keyof WorkerDeps = never> = (
  input: PullsJobInput,
  deps: Pick<WorkerDeps, K>,
) => Promise<MessageDocument>;

/**
 * The live reader: the cluster's pull events from Cloud Logging, analysed and explained with
 * `check`'s rules (src/pulls/read-pulls-report.ts), rendered with what the read left out.
 */
export const readAndAnalysePulls: ReadAndAnalysePulls<'logging' | 'gather' | 'scope'> = async (input, deps) => {
  const read = await readPullsReport(input, deps);
  return pullsReadMessage(read, { project: input.request.target.project, filter: input.filter });
};
