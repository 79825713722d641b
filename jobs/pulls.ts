import { pullEventsFilter } from '../src/cloud-logging/pull-events-filter';
import { getCluster } from '../src/gke/get-cluster';
import { clusterStreamingState } from '../src/gke/streaming-settings';
import type { JobData } from '../src/queue/job-schemas';
import { type ReadAndAnalysePulls, readAndAnalysePulls } from './read-and-analyse-pulls';
import { replyWithGkeErrors } from './reply-with-gke-errors';
import type { JobRunner, WorkerDeps } from './worker-deps';

/** What the tests change: the clock that ends the `--since` range. */
export interface PullsJobOptions {
  now?: () => Date;
}

/**
 * `/imagestream pulls CLUSTER [--image I] [--namespace N] [--since ...]`: reads the cluster (its
 * node pools, for the join), builds the events filter, hands both to `readAndAnalyse` and posts
 * its answer publicly. Failures are answered as for `status` and `errors` (replyWithGkeErrors).
 */
export function pullsJob<K extends keyof WorkerDeps = never>(
  readAndAnalyse: ReadAndAnalysePulls<K>,
  options: PullsJobOptions = {},
): JobRunner<JobData<'pulls'>, K | 'container' | 'reply'> {
  const now = options.now ?? (() => new Date());
  return async ({ replyTo, ...request }, deps, job) =>
    replyWithGkeErrors(
      deps,
      replyTo,
      async () => {
        const cluster = await getCluster(deps.container, request.target);
        const filter = pullEventsFilter({
          ...request.target,
          since: request.since,
          image: request.image,
          namespace: request.namespace,
          now: now(),
        });
        const input = { request, cluster, streaming: clusterStreamingState(cluster), filter };
        const answer = await readAndAnalyse(input, deps);
        await deps.reply(replyTo, answer, { visibility: 'public' });
      },
      job,
    );
}

/** The `pulls` job the worker runs: the events from Cloud Logging, explained with `check`'s rules. */
export const runPulls = pullsJob(readAndAnalysePulls);
