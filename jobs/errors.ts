import { queryGcfsdErrors } from '../src/cloud-logging/query-gcfsd-errors';
import type { JobData } from '../src/queue/job-schemas';
import { errorsSummaryMessage } from '../src/render/errors-summary-message';
import { replyWithGkeErrors } from './reply-with-gke-errors';
import type { JobRunner } from './worker-deps';

/** `/imagestream errors CLUSTER [--since 1h|6h|24h|7d]`: the cluster's gcfsd errors from Cloud Logging, one block per class. */
export const runErrors: JobRunner<JobData<'errors'>, 'logging' | 'reply'> = async (
  { replyTo, target, since },
  deps,
  job,
) =>
  replyWithGkeErrors(
    deps,
    replyTo,
    async () => {
      const summary = await queryGcfsdErrors(deps.logging, { ...target, since });
      await deps.reply(replyTo, errorsSummaryMessage(summary), { visibility: 'public' });
    },
    job,
  );
