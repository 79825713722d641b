import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * What ties log lines to the Slack request and the job they belong to. It lives in async context,
 * so every line logged while handling a request or running a job carries it without each call
 * site passing it along.
 */
export interface TraceContext {
  /** Slack's id of the interaction: trigger_id (commands, clicks) or event_id (events). */
  slackRequestId?: string;
  /** The BullMQ job being run, and its name. */
  jobId?: string;
  job?: string;
  /** Cloud Trace's id for slackRequestId, derived once when the context is set (see traceFields). */
  cloudTraceId?: string;
}

/** Slack's ids are short tokens of letters, digits, dots and dashes; anything else is not logged. */
const slackIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,100}$/)
  .optional()
  .catch(undefined);

/** What a job payload carries from the request that queued it. */
export const jobTraceSchema = z.object({ slackRequestId: slackIdSchema });

const storage = new AsyncLocalStorage<TraceContext>();

/** Runs `fn` with `context` (merged over the current one) as the trace of everything it logs. */
export function withTrace<T>(context: Omit<TraceContext, 'cloudTraceId'>, fn: () => T): T {
  const merged: TraceContext = { ...storage.getStore(), ...context };
  // Hashed here, once per request or job, not on every line it logs.
  if (context.slackRequestId) merged.cloudTraceId = cloudTraceIdOf(context.slackRequestId);
  return storage.run(merged, fn);
}

/** The trace in force here, if any. */
export function currentTrace(): TraceContext | undefined {
  return storage.getStore();
}

/** The validated Slack request id of an incoming body, or undefined (never a user-typed string). */
export function slackRequestIdOf(body: unknown): string | undefined {
  const b = (body ?? {}) as Record<string, unknown>;
  const candidate = b.trigger_id ?? b.event_id;
  return slackIdSchema.parse(typeof candidate === 'string' ? candidate : undefined);
}

/**
 * The fields a log line gets from the trace: our own ids, and Cloud Logging's special
 * `logging.googleapis.com/trace` so the Logs Explorer groups a request's lines, the worker's
 * included ("Show entries for this trace").
 */
export function traceFields(project: string | undefined): Record<string, string> {
  const trace = storage.getStore();
  if (!trace) return {};
  const fields: Record<string, string> = {};
  if (trace.slackRequestId) {
    fields.slackRequestId = trace.slackRequestId;
    if (project) {
      const id = trace.cloudTraceId ?? cloudTraceIdOf(trace.slackRequestId);
      fields['logging.googleapis.com/trace'] = `projects/${project}/traces/${id}`;
    }
  }
  if (trace.jobId) fields.jobId = trace.jobId;
  if (trace.job) fields.job = trace.job;
  return fields;
}

/** Slack gives no W3C trace id: a hash of its request id keeps the 32-hex form Cloud Trace expects. */
function cloudTraceIdOf(slackRequestId: string): string {
  return createHash('sha256').update(slackRequestId).digest('hex').slice(0, 32);
}
