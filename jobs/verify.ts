import { verifyStreaming } from '../src/gke/verify-streaming';
import { renderVerify } from '../src/slack/render-verify';
import { JobPayload } from '../src/queue/job-schemas';
import { replyWithGkeErrors } from './reply-with-gke-errors';
import { JobRunner } from './worker-deps';

/** `/imagestream verify CLUSTER [--pool NP]`: gcfsConfig as `gcloud ... describe` shows it, plus the node label. */
export const runVerify: JobRunner<JobPayload<'verify'>> = async ({ replyTo, target }, deps, job) =>
  replyWithGkeErrors(
    deps,
    replyTo,
    async () => {
      const { pool, ...ref } = target;
      const result = await verifyStreaming(deps.container, ref, pool);
      await deps.reply(replyTo, renderVerify(result), { responseType: 'in_channel' });
    },
    job,
  );
