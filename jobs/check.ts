import { evaluateRules } from '../src/check/evaluate-rules';
import { gatherFacts } from '../src/check/gather-facts';
import type { JobData } from '../src/queue/job-schemas';
import { checkReportMessage } from '../src/render/check-report-message';
import { replyWithGkeErrors } from './reply-with-gke-errors';
import type { JobRunner } from './worker-deps';

/** `/imagestream check IMAGE [--cluster C ...]`: the core's eligibility report. */
export const runCheck: JobRunner<JobData<'check'>, 'gather' | 'reply'> = async ({ replyTo, options }, deps, job) =>
  replyWithGkeErrors(
    deps,
    replyTo,
    async () => {
      // A chat command never gives file flags, and the registry is always read.
      const facts = await gatherFacts({ ...options, registry: true }, deps.gather);
      const report = evaluateRules(facts);
      await deps.reply(replyTo, checkReportMessage(report, describeArgs(options)), { visibility: 'public' });
    },
    job,
  );

function describeArgs(options: JobData<'check'>['options']): string {
  const parts = [options.image];
  if (options.cluster) parts.push(`--cluster ${options.cluster}`);
  if (options.location) parts.push(`--location ${options.location}`);
  if (options.project) parts.push(`--project ${options.project}`);
  if (options.pool) parts.push(`--pool ${options.pool}`);
  return parts.join(' ');
}
