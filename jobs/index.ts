import { Job, UnrecoverableError } from 'bullmq';
import { checkJobScope } from '../src/access/job-targets';
import { errorMessage } from '../src/errors';
import { jobTraceSchema, withTrace } from '../src/logging/trace-context';
import { renderJobError } from '../src/slack/render-error';
import { runApply } from './apply';
import { runApprovalMessage } from './approval-message';
import { runCheck } from './check';
import { runErrors } from './errors';
import { runExpire } from './expire';
import { runFix } from './fix';
import { runHome } from './home';
import { JOB_SCHEMAS, JobName, JobPayload, isJobName } from '../src/queue/job-schemas';
import { requestChange } from './request-change';
import { runReply } from './reply';
import { requestSetupAlerts } from './setup-alerts';
import { runStatus } from './status';
import { runVerify } from './verify';
import { JobRunner, WorkerDeps } from './worker-deps';

/** Every job the worker runs, by name. */
export const JOB_TABLE: { [N in JobName]: JobRunner<never> } = {
  status: runStatus,
  check: runCheck,
  verify: runVerify,
  enable: requestChange(true),
  disable: requestChange(false),
  errors: runErrors,
  fix: runFix,
  'setup-alerts': requestSetupAlerts,
  apply: runApply,
  expire: runExpire,
  home: runHome,
  reply: runReply,
  'approval-message': runApprovalMessage,
};

/** The BullMQ processor: dispatches on job.name after validating the payload again (it crossed Redis). */
export function createProcessor(deps: WorkerDeps) {
  return async (job: Job): Promise<unknown> => {
    if (!isJobName(job.name)) throw new UnrecoverableError(`unknown job ${job.name}`);
    const parsed = JOB_SCHEMAS[job.name].safeParse(job.data);
    if (!parsed.success)
      throw new UnrecoverableError(`invalid ${job.name} payload: ${parsed.error.issues[0]?.message}`);
    const run = JOB_TABLE[job.name] as JobRunner<unknown>;
    // Every line the job logs names it, and the Slack request that queued it (its payload's `trace`).
    const trace = jobTraceSchema.safeParse((job.data as { trace?: unknown }).trace);
    const context = { ...(trace.success ? trace.data : {}), jobId: job.id, job: job.name };
    return withTrace(context, async () => {
      const started = Date.now();
      try {
        await refuseOutOfScope(job.name as JobName, parsed.data, deps);
        return await run(parsed.data, deps, job);
      } finally {
        deps.logger.info({ ms: Date.now() - started, attempt: job.attemptsMade + 1 }, 'job finished');
      }
    });
  };
}

/**
 * A job naming a project or location outside the allow-list is refused before any Google call,
 * even though the slash command checked it: the job crossed Redis, and the list may have changed
 * since it was queued. The user hears why; the job is not retried.
 */
async function refuseOutOfScope(name: JobName, payload: unknown, deps: WorkerDeps): Promise<void> {
  try {
    checkJobScope(deps.scope, name, payload as never);
  } catch (err) {
    const replyTo = (payload as { replyTo?: JobPayload<'status'>['replyTo'] }).replyTo;
    if (replyTo) {
      await deps.reply(replyTo, renderJobError(errorMessage(err)), { responseType: 'ephemeral' }).catch((e) => {
        deps.logger.warn({ err: errorMessage(e) }, 'could not tell the user a job was refused');
      });
    }
    throw new UnrecoverableError(errorMessage(err));
  }
}
