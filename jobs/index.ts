import { Job, UnrecoverableError } from 'bullmq';
import { checkJobScope } from '../src/access/job-targets';
import { errorMessage } from '../src/errors';
import { jobTraceSchema, withTrace } from '../src/logging/trace-context';
import { JOB_SCHEMAS, type JobData, type JobName, isJobName } from '../src/queue/job-schemas';
import { jobErrorMessage } from '../src/render/error-message';
import { runApply } from './apply';
import { runApprovalMessage } from './approval-message';
import { runCheck } from './check';
import { runDigest } from './digest';
import { runDigestCluster } from './digest-cluster';
import { runErrors } from './errors';
import { runExpire } from './expire';
import { runFix } from './fix';
import { runPulls } from './pulls';
import { requestChange } from './request-change';
import { runReply } from './reply';
import { requestSetupAlerts } from './setup-alerts';
import { runStatus } from './status';
import { runVerify } from './verify';
import type { JobRunner, WorkerDeps } from './worker-deps';
import { parseOr } from '../src/validation/parse-or';

/** Jobs that belong to one chat platform (the Slack App Home): registered by the composition root. */
export type PlatformJobName = 'home';

/** A table of jobs by name, each with the deps it takes from WorkerDeps. */
export type JobTable<N extends JobName> = { [M in N]: JobRunner<never, keyof WorkerDeps> };

/** Every platform-free job the worker runs, by name. */
export const CORE_JOBS: JobTable<Exclude<JobName, PlatformJobName>> = {
  status: runStatus,
  check: runCheck,
  verify: runVerify,
  enable: requestChange(true),
  disable: requestChange(false),
  errors: runErrors,
  pulls: runPulls,
  fix: runFix,
  'setup-alerts': requestSetupAlerts,
  apply: runApply,
  expire: runExpire,
  reply: runReply,
  'approval-message': runApprovalMessage,
  digest: runDigest,
  'digest-cluster': runDigestCluster,
};

/**
 * The BullMQ processor: dispatches on job.name after validating the payload again (it crossed
 * Redis). `platformJobs` are the adapters' own jobs (the Slack App Home), with their deps bound.
 */
export function createProcessor(deps: WorkerDeps, platformJobs: JobTable<PlatformJobName>) {
  const table: JobTable<JobName> = { ...CORE_JOBS, ...platformJobs };
  return async (job: Job): Promise<unknown> => {
    if (!isJobName(job.name)) throw new UnrecoverableError(`unknown job ${job.name}`);
    const data = parseOr(
      JOB_SCHEMAS[job.name],
      job.data,
      (issue) => new UnrecoverableError(`invalid ${job.name} payload: ${issue.message}`),
    );
    const run = table[job.name] as JobRunner<unknown>;
    // Every line the job logs names it, and the chat request that queued it (its payload's `trace`).
    const trace = jobTraceSchema.safeParse((job.data as { trace?: unknown }).trace);
    const context = { ...(trace.success ? trace.data : {}), jobId: job.id, job: job.name };
    return withTrace(context, async () => {
      const started = Date.now();
      try {
        await refuseOutOfScope(job.name as JobName, data, deps);
        return await run(data, deps, job);
      } finally {
        deps.logger.info({ ms: Date.now() - started, attempt: job.attemptsMade + 1 }, 'job finished');
      }
    });
  };
}

/**
 * A job naming a project or location outside the allow-list is refused before any Google call,
 * even though the command checked it: the job crossed Redis, and the list may have changed since
 * it was queued. The user hears why; the job is not retried.
 */
async function refuseOutOfScope(
  name: JobName,
  payload: unknown,
  deps: Pick<WorkerDeps, 'scope' | 'reply' | 'logger'>,
): Promise<void> {
  try {
    checkJobScope(deps.scope, name, payload as never);
  } catch (err) {
    const replyTo = (payload as { replyTo?: JobData<'status'>['replyTo'] }).replyTo;
    if (replyTo) {
      await deps.reply(replyTo, jobErrorMessage(errorMessage(err)), { visibility: 'private' }).catch((e) => {
        deps.logger.warn({ err: errorMessage(e) }, 'could not tell the user a job was refused');
      });
    }
    throw new UnrecoverableError(errorMessage(err));
  }
}
