import { readClusterStatus } from '../src/gke/read-cluster-status';
import { renderClusterStatus } from '../src/slack/render-cluster-status';
import { JobPayload } from '../src/queue/job-schemas';
import { JobRunner } from './worker-deps';
import { replyWithGkeErrors } from './reply-with-gke-errors';

/** `/imagestream status CLUSTER`: the cluster setting and every pool's. */
export const runStatus: JobRunner<JobPayload<'status'>> = async ({ replyTo, target }, deps, job) =>
  replyWithGkeErrors(
    deps,
    replyTo,
    async () => {
      const status = await readClusterStatus(deps.container, target);
      await deps.reply(replyTo, renderClusterStatus(status), { responseType: 'in_channel' });
    },
    job,
  );
