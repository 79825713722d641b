import type { Queue } from 'bullmq';

/** The one BullMQ job scheduler of the digest: every replica upserts this id, so there is one. */
export const DIGEST_SCHEDULER_ID = 'imagestream-digest';
/** The job the scheduler adds on each tick (jobs/digest.ts fans it out per cluster). */
export const DIGEST_JOB_NAME = 'digest';

/** When the digest is posted: a cron pattern in an IANA time zone. */
export interface DigestSchedule {
  pattern: string;
  tz: string;
}

/**
 * Makes the queue's digest scheduler match the config: upserted with the schedule (several replicas
 * upserting the same id leave one scheduler, so each tick is one job), or removed when the digest
 * is off, so turning it off takes effect at the next start. Returns what the queue now holds.
 */
export async function syncDigestSchedule(
  queue: Pick<Queue, 'upsertJobScheduler' | 'removeJobScheduler'>,
  schedule: DigestSchedule | undefined,
): Promise<'scheduled' | 'off'> {
  if (schedule === undefined) {
    await queue.removeJobScheduler(DIGEST_SCHEDULER_ID);
    return 'off';
  }
  await queue.upsertJobScheduler(
    DIGEST_SCHEDULER_ID,
    { pattern: schedule.pattern, tz: schedule.tz },
    {
      name: DIGEST_JOB_NAME,
      data: {},
      // A tick's job is kept a week: its id is what a retried tick's children are named after.
      opts: { attempts: 3, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: { age: 7 * 24 * 3600 } },
    },
  );
  return 'scheduled';
}
