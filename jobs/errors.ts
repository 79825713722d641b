import { queryGcfsdErrors } from '../src/cloud-logging/query-gcfsd-errors';
import { renderErrorsSummary } from '../src/slack/render-errors-summary';
import { JobPayload } from '../src/queue/job-schemas';
import { replyWithGkeErrors } from './reply-with-gke-errors';
import { JobRunner } from './worker-deps';

/** `/imagestream errors CLUSTER [--since 1h|6h|24h|7d]`: the cluster's gcfsd errors from Cloud Logging, one block per class. */
export const runErrors: JobRunner<JobPayload<'errors'>> = async ({ replyTo, target, since }, deps, job) =>
  replyWithGkeErrors(
    deps,
    replyTo,
    async () => {
      const summary = await queryGcfsdErrors(deps.logging, { ...target, since });
      await deps.reply(replyTo, renderErrorsSummary(summary), { responseType: 'in_channel' });
    },
    job,
  );
