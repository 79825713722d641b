import { evaluateRules } from '../src/check/evaluate-rules';
import { gatherFacts } from '../src/check/gather-facts';
import { renderCheckReport } from '../src/slack/render-check-report';
import { JobPayload } from '../src/queue/job-schemas';
import { replyWithGkeErrors } from './reply-with-gke-errors';
import { JobRunner } from './worker-deps';

/** `/imagestream check IMAGE [--cluster C ...]`: the core's eligibility report, in Block Kit. */
export const runCheck: JobRunner<JobPayload<'check'>> = async ({ replyTo, options }, deps, job) =>
  replyWithGkeErrors(
    deps,
    replyTo,
    async () => {
      // Slack never gives file flags, and the registry is always read.
      const facts = await gatherFacts({ ...options, registry: true }, deps.gather);
      const report = evaluateRules(facts);
      await deps.reply(replyTo, renderCheckReport(report, describeArgs(options)), {
        responseType: 'in_channel',
      });
    },
    job,
  );

function describeArgs(options: JobPayload<'check'>['options']): string {
  const parts = [options.image];
  if (options.cluster) parts.push(`--cluster ${options.cluster}`);
  if (options.location) parts.push(`--location ${options.location}`);
  if (options.project) parts.push(`--project ${options.project}`);
  if (options.pool) parts.push(`--pool ${options.pool}`);
  return parts.join(' ');
}
