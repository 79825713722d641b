import { z } from 'zod';

/** The BullMQ queue the outbox uses, under the caller's prefix. */
export const OUTBOX_QUEUE = 'outbox';

/** The outbox's jobs by name, with their payload schemas (re-validated by the worker: they crossed Redis). */
export const OUTBOX_JOB_SCHEMAS = {
  post: z.object({ alertId: z.string().min(1) }),
  update: z.object({ alertId: z.string().min(1), waits: z.number().int().nonnegative().optional() }),
  reply: z.object({
    alertId: z.string().min(1),
    count: z.number().int().nonnegative(),
    /** What tells this reply from the alert's others (the window's start); absent in jobs queued without one. */
    key: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,40}$/)
      .optional(),
    waits: z.number().int().nonnegative().optional(),
  }),
};

/** One outbox job name. */
export type OutboxJobName = keyof typeof OUTBOX_JOB_SCHEMAS;

/** The payload of one outbox job. */
export type OutboxJobData<N extends OutboxJobName> = z.infer<(typeof OUTBOX_JOB_SCHEMAS)[N]>;

/** True when `name` is an outbox job. */
export function isOutboxJobName(name: string): name is OutboxJobName {
  return Object.prototype.hasOwnProperty.call(OUTBOX_JOB_SCHEMAS, name);
}

/** A BullMQ custom job id for an alert: BullMQ rejects ids with ':' and all-digit ids. */
export function outboxJobId(kind: string, alertId: string, suffix?: string): string {
  const id = `${kind}-${encodeURIComponent(alertId)}`;
  return suffix === undefined ? id : `${id}-${encodeURIComponent(suffix)}`;
}
