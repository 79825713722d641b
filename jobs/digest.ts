import { digestClusters } from '../src/digest/digest-clusters';
import { digestClusterJobId, tickOf } from '../src/digest/digest-ids';
import type { JobData } from '../src/queue/job-schemas';
import type { JobRunner } from './worker-deps';

/** How long a cluster's digest job is kept (done or failed): longer than any retry of its tick. */
const KEEP_SECONDS = 7 * 24 * 3600;

/**
 * One tick of the weekly digest, added by the job scheduler (src/digest/digest-schedule.ts), so
 * one replica runs it: lists the routed clusters and queues one `digest-cluster` job each, under
 * an id made of the tick and the cluster. A retried tick queues the same ids, which BullMQ keeps
 * once: a cluster is never posted twice. A project whose list failed fails the tick after the
 * others are queued, so the retry lists it again.
 */
export const runDigest: JobRunner<JobData<'digest'>, 'container' | 'scope' | 'logger' | 'queue' | 'digest'> = async (
  _payload,
  deps,
  job,
) => {
  if (!deps.digest) {
    // A replica started without IMAGESTREAM_DIGEST while another still schedules it (a rollout).
    deps.logger.warn('digest tick on a worker without IMAGESTREAM_DIGEST: skipped');
    return { clusters: 0 };
  }
  const tick = tickOf(job);
  const { clusters, failed } = await digestClusters(deps, deps.digest);
  for (const { target, destinations } of clusters) {
    await deps.queue.enqueue(
      'digest-cluster',
      { tick, target, destinations },
      {
        jobId: digestClusterJobId(tick, target),
        removeOnComplete: { age: KEEP_SECONDS },
        removeOnFail: { age: KEEP_SECONDS },
      },
    );
  }
  deps.logger.info({ tick, clusters: clusters.length }, 'digest: cluster digests queued');
  if (failed.length > 0) {
    const list = failed.map((f) => `${f.project} (${f.error})`).join('; ');
    throw new Error(`digest: could not list the clusters of ${list}`);
  }
  return { tick, clusters: clusters.length };
};
