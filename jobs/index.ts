import { Job, UnrecoverableError } from 'bullmq';
import { jobTraceSchema, withTrace } from '../src/logging/trace-context';
import { runApply } from './apply';
import { runApprovalMessage } from './approval-message';
import { runCheck } from './check';
import { runErrors } from './errors';
import { runExpire } from './expire';
import { runFix } from './fix';
import { runHome } from './home';
import { JOB_SCHEMAS, JobName, isJobName } from '../src/queue/job-schemas';
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
        return await run(parsed.data, deps, job);
      } finally {
        deps.logger.info({ ms: Date.now() - started, attempt: job.attemptsMade + 1 }, 'job finished');
      }
    });
  };
}
