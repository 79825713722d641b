import { UnrecoverableError } from 'bullmq';
import { targetOfRequest } from '../src/access/scope-targets';
import { ApprovalRequest } from '../src/approvals/approval-request';
import type { SetupAlertsParams } from '../src/approvals/fix-params';
import { RemoteError, errorMessage } from '../src/errors';
import { createAlertPlumbing, describePlumbing } from '../src/setup-alerts/create-alert-plumbing';
import { applyStreamingChange } from '../src/gke/apply-streaming-change';
import { findRunningOperation } from '../src/gke/find-running-operation';
import { GkeError } from '../src/gke/gke-error';
import { planStreamingChange } from '../src/gke/plan-streaming-change';
import { readClusterStatus } from '../src/gke/read-cluster-status';
import { waitForOperation } from '../src/gke/wait-for-operation';
import type { ApplyOptions } from '../src/gke/apply-options';
import { applyFix, isFixAction } from '../src/fixes/apply-fix';
import { describeTarget } from '../src/approvals/approval-view';
import { queueApprovalMessage } from '../src/approvals/queue-approval-message';
import type { JobData } from '../src/queue/job-schemas';
import type { JobRunner, WorkerDeps } from './worker-deps';

/** What an approved change uses. */
type ApplyDeps = Pick<
  WorkerDeps,
  | 'approvals'
  | 'scope'
  | 'audit'
  | 'container'
  | 'logging'
  | 'queue'
  | 'logger'
  | 'quotas'
  | 'pubsubAdmin'
  | 'applyOptions'
>;

/**
 * Runs an approved change once: enable/disable (cluster or pool), disable-pool, or an alert's fix
 * (replace-pool, upgrade-pool, quota-increase). Its jobId is derived from the request id, so double
 * clicks and retries land on one job; and it re-reads state before acting, so a job resumed after a
 * worker crash waits for the operation it already started instead of sending a second update.
 * The message shows each step through `approval-message` jobs on the replies queue: the change
 * never waits for the chat platform (an update can take a minute of retries in an outage).
 */
export const runApply: JobRunner<JobData<'apply'>, keyof ApplyDeps> = async ({ requestId }, deps, job) => {
  const request = await deps.approvals.get(requestId);
  if (!request) throw new UnrecoverableError(`approval request ${requestId} not found`);
  if (request.state === 'done' || request.state === 'failed') return request.state;
  if (request.state !== 'approved' && request.state !== 'running') {
    throw new UnrecoverableError(`approval request ${requestId} is ${request.state}, not approved`);
  }
  const show = showOn(deps);
  // Approved before the allow-list changed (or forged in Redis): it fails here, before any Google call.
  const outside = deps.scope.refusal(targetOfRequest(request));
  if (outside !== undefined) {
    await show(await deps.approvals.update(requestId, { state: 'failed', result: outside }));
    await deps.audit.record({
      kind: 'refused',
      requestId,
      action: request.action,
      target: describeTarget(request.target),
      detail: outside,
    });
    return 'failed';
  }
  let current = await deps.approvals.update(requestId, {
    state: 'running',
    progress: 'reading the current state',
  });
  await show(current);
  if (request.state === 'approved') {
    await deps.audit.record({
      kind: 'started',
      requestId,
      action: request.action,
      target: describeTarget(request.target),
    });
  }

  const track: ApplyOptions = {
    ...deps.applyOptions,
    onProgress: async (p) => {
      const patch: Parameters<typeof deps.approvals.update>[1] = {
        progress: `${p.phase}${p.operation ? ` ${p.operation}` : ''}${p.detail ? `: ${p.detail}` : ''}`,
      };
      // Stored as soon as GKE names it: a resumed job waits for it instead of updating again.
      if (p.operation) patch.operation = p.operation;
      current = await deps.approvals.update(requestId, patch);
      await show(current);
    },
  };

  /** The end of the change: stored, shown on the message, audited. */
  const finish = async (state: 'done' | 'failed', result: string): Promise<void> => {
    current = await deps.approvals.update(
      requestId,
      state === 'done' ? { state, result, progress: undefined } : { state, result },
    );
    await show(current);
    await deps.audit.record({
      kind: state,
      requestId,
      action: request.action,
      target: describeTarget(request.target),
      detail: result,
    });
  };

  try {
    const { pool, ...ref } = request.target;
    // The pool an operation of this request targets: a replacement's operation is on the new pool.
    const opPool =
      request.action === 'replace-pool' && request.params && 'newPool' in request.params
        ? request.params.newPool
        : pool;
    const operation =
      request.action === 'quota-increase' || request.action === 'setup-alerts'
        ? null
        : request.operation
          ? { name: request.operation }
          : await findRunningOperation(deps.container, ref, opPool);
    if (operation) {
      current = await deps.approvals.update(requestId, {
        operation: operation.name,
        progress: `waiting for ${operation.name}`,
      });
      await show(current);
      await waitForOperation(deps.container, ref, operation, deps.applyOptions);
    }
    const result =
      request.action === 'setup-alerts'
        ? await runSetupAlerts(request, deps)
        : isFixAction(request.action)
          ? await applyFix(
              request,
              { container: deps.container, ...(deps.quotas ? { quotas: deps.quotas } : {}) },
              track,
            )
          : await applyStreaming(request, deps, track);
    await finish('done', result);
    return 'done';
  } catch (err) {
    // Retryable: 429/5xx and a cluster still busy with another operation (GkeError decides).
    const transient = err instanceof GkeError && err.retryable;
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (transient && !lastAttempt) {
      current = await deps.approvals.update(requestId, { progress: `retrying after: ${errorMessage(err)}` });
      await show(current);
      throw err;
    }
    // A transient failure that outlived the job's own retries: say it was not a one-off.
    const tries = transient && job.attemptsMade > 0 ? ` (tried ${job.attemptsMade + 1} times)` : '';
    // The message shows it under "Failed": the result is the reason alone.
    const result = `${errorMessage(err)}${tries}`;
    await finish('failed', result);
    throw new UnrecoverableError(result);
  }
};

/** setup-alerts: creates (or reuses) the topic, subscription and sink, and grants publish rights. */
async function runSetupAlerts(request: ApprovalRequest, deps: ApplyDeps): Promise<string> {
  if (!deps.pubsubAdmin) throw new RemoteError('the Pub/Sub client is not configured on this worker');
  const names = { project: request.target.project, ...(request.params as SetupAlertsParams) };
  const created = await createAlertPlumbing({ pubsub: deps.pubsubAdmin, logging: deps.logging }, names);
  return describePlumbing(names, created);
}

/** enable/disable/disable-pool: plan from a fresh read, apply unless already so, confirm by re-reading. */
async function applyStreaming(request: ApprovalRequest, deps: ApplyDeps, track: ApplyOptions): Promise<string> {
  const { pool, ...ref } = request.target;
  const enable = request.action === 'enable';
  const plan = planStreamingChange(await readClusterStatus(deps.container, ref), { enable, pool });
  if (!plan.noop) await applyStreamingChange(deps.container, plan, track);
  const confirmed = planStreamingChange(await readClusterStatus(deps.container, ref), { enable, pool });
  if (!confirmed.noop)
    throw new GkeError(
      'other',
      `the operation finished but ${describeTarget(request.target)} still reads ${confirmed.from ? 'enabled' : 'disabled'}`,
    );
  return `done: image streaming is ${enable ? 'enabled' : 'disabled'} on ${describeTarget(request.target)} (re-read: gcfsConfig.enabled ${confirmed.to})`;
}

/**
 * Queues an update of the approval message (it shows the state stored when it runs); never waits
 * for the chat platform, and a failure is logged, never fails the change.
 */
function showOn(deps: Pick<ApplyDeps, 'queue' | 'logger'>) {
  return async (request: ApprovalRequest): Promise<void> => {
    if (!request.message) return;
    try {
      await queueApprovalMessage(deps.queue, request.id);
    } catch (err) {
      deps.logger.warn({ err: errorMessage(err), requestId: request.id }, 'could not queue an approval message update');
    }
  };
}
