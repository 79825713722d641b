import { UnrecoverableError } from 'bullmq';
import { pullEventsFilter } from '../src/cloud-logging/pull-events-filter';
import { UsageError, errorMessage } from '../src/errors';
import { getCluster } from '../src/gke/get-cluster';
import { GkeError } from '../src/gke/gke-error';
import type { ConversationRef } from '../src/chat/conversation-ref';
import { messengerFor } from '../src/chat/messengers';
import { type ReadPullsInput, type PullsReportRead, readPullsReport } from '../src/pulls/read-pulls-report';
import type { JobData } from '../src/queue/job-schemas';
import { DIGEST_SINCE, pullsDigestMessage } from '../src/render/pulls-digest-message';
import type { JobRunner, WorkerDeps } from './worker-deps';

/** Reads one cluster's pulls report (src/pulls/read-pulls-report.ts; the tests inject their own). */
export type PullsReportReader<K extends keyof WorkerDeps> = (
  input: ReadPullsInput,
  deps: Pick<WorkerDeps, K>,
) => Promise<PullsReportRead>;

/**
 * One cluster's digest of one tick: reads the cluster (its pools, for the join) and its pull
 * events of the 7 days before the tick, renders the digest and posts it to each destination
 * through the messenger of its platform; a platform this worker does not serve is skipped with a
 * log line. Each destination posted is recorded on the job (its progress, in Redis), so a retry
 * after a failed post posts only to the destinations still missing.
 */
export function digestClusterJob<K extends keyof WorkerDeps = never>(
  read: PullsReportReader<K>,
): JobRunner<JobData<'digest-cluster'>, K | 'container' | 'messengers' | 'logger'> {
  return async ({ tick, target, destinations }, deps, job) => {
    let document;
    try {
      const cluster = await getCluster(deps.container, target);
      // The window ends at the tick, not when the job runs: a late or retried job covers the same week.
      const filter = pullEventsFilter({ ...target, since: DIGEST_SINCE, now: tickDate(tick) });
      const { report, ...figures } = await read({ request: { target, since: DIGEST_SINCE }, cluster, filter }, deps);
      document = pullsDigestMessage(target, report, figures);
    } catch (err) {
      // The cluster is gone, or the bot may not read it: asking again gives the same answer.
      if (err instanceof UsageError || (err instanceof GkeError && !err.retryable))
        throw new UnrecoverableError(`digest of ${target.cluster}: ${errorMessage(err)}`);
      throw err;
    }

    const posted = new Set(postedOf(job.progress));
    const failures: string[] = [];
    for (const destination of destinations) {
      const key = destinationKey(destination);
      if (posted.has(key)) continue;
      if (!deps.messengers.has(destination.platform)) {
        deps.logger.warn(
          { platform: destination.platform, space: destination.space, cluster: target.cluster },
          "digest: this worker does not serve the destination's platform, skipped",
        );
        continue;
      }
      try {
        await messengerFor(deps.messengers, destination.platform).post(destination, document);
        posted.add(key);
        await job.updateProgress({ posted: [...posted] });
      } catch (err) {
        failures.push(`${key}: ${errorMessage(err)}`);
      }
    }
    if (failures.length > 0) throw new Error(`digest of ${target.cluster} not posted to ${failures.join('; ')}`);
    return { posted: [...posted] };
  };
}

/** The digest job the worker runs, with the pulls reader of src/pulls. */
export const runDigestCluster = digestClusterJob<'logging' | 'gather' | 'scope'>(readPullsReport);

function destinationKey(d: ConversationRef): string {
  return `${d.platform}/${d.space}`;
}

/** The destinations an earlier attempt posted to (the job's progress), tolerating any other shape. */
function postedOf(progress: unknown): string[] {
  const posted = (progress as { posted?: unknown } | null)?.posted;
  return Array.isArray(posted) ? posted.filter((p): p is string => typeof p === 'string') : [];
}

/** `20260105T090000Z` -> that instant. */
function tickDate(tick: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(tick)!;
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
}
