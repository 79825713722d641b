import { readClusterStatus } from '../src/gke/read-cluster-status';
import type { JobData } from '../src/queue/job-schemas';
import { clusterStatusMessage } from '../src/render/cluster-status-message';
import { replyWithGkeErrors } from './reply-with-gke-errors';
import type { JobRunner } from './worker-deps';

/** `/imagestream status CLUSTER`: the cluster setting and every pool's. */
export const runStatus: JobRunner<JobData<'status'>, 'container' | 'reply'> = async ({ replyTo, target }, deps, job) =>
  replyWithGkeErrors(
    deps,
    replyTo,
    async () => {
      const status = await readClusterStatus(deps.container, target);
      await deps.reply(replyTo, clusterStatusMessage(status), { visibility: 'public' });
    },
    job,
  );
