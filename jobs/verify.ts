import { verifyStreaming } from '../src/gke/verify-streaming';
import type { JobData } from '../src/queue/job-schemas';
import { verifyMessage } from '../src/render/verify-message';
import { replyWithGkeErrors } from './reply-with-gke-errors';
import type { JobRunner } from './worker-deps';

/** `/imagestream verify CLUSTER [--pool NP]`: gcfsConfig as `gcloud ... describe` shows it, plus the node label. */
export const runVerify: JobRunner<JobData<'verify'>, 'container' | 'reply'> = async ({ replyTo, target }, deps, job) =>
  replyWithGkeErrors(
    deps,
    replyTo,
    async () => {
      const { pool, ...ref } = target;
      const result = await verifyStreaming(deps.container, ref, pool);
      await deps.reply(replyTo, verifyMessage(result), { visibility: 'public' });
    },
    job,
  );
