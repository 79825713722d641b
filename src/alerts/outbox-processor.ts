import { randomUUID } from 'node:crypto';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { type MessageRef, messageRefSchema } from '../chat/conversation-ref';
import type { MessageDocument } from '../chat/message-document';
import type { OutboxSender } from '../chat/outbox-sender';
import type { Logger } from '../logging/logger';
import { OutboxAlert, OutboxAlertSource, outboxAlertSchema } from './outbox-alert-source';
import { OUTBOX_JOB_SCHEMAS, OutboxJobData, isOutboxJobName } from './outbox-jobs';
import { OutboxKeys, SpaceKey } from './outbox-keys';
import { PaceHold, PaceSlot, acquireSlots, pauseSlot, releaseHold } from './outbox-pacer';
import type { OutboxSenders } from './outbox-senders';
import { raiseShownVersion, readShownVersion } from './outbox-shown-version';
import { parseOr } from '../validation/parse-or';

/** What the outbox has done, counted by this instance. */
export interface OutboxStats {
  /** Alerts posted. */
  posted: number;
  /** Alert messages updated in place. */
  updated: number;
  /** "Still happening" thread replies posted. */
  replies: number;
  /** update() calls that added nothing because an update of that alert was already pending. */
  coalesced: number;
  /** Jobs put back because their space (or alert) had to wait. */
  paced: number;
  /** Rate-limited answers (a 429 from Slack or Google Chat). */
  rateLimited: number;
}

/** Everything the processor uses; built by AlertOutbox. */
export interface OutboxProcessorDeps<A extends OutboxAlert> {
  redis: Redis;
  keys: OutboxKeys;
  /** One per platform; a destination whose platform has none takes no message (like a channel without the bot). */
  senders: OutboxSenders;
  alerts: OutboxAlertSource<A>;
  render: (alert: A) => MessageDocument;
  renderStillHappening: (alert: A, count: number) => MessageDocument;
  /** Overrides every sender's perSpaceIntervalMs (tests shorten it). */
  perSpaceIntervalMs?: number;
  updateIntervalMs: number;
  logger: Logger;
  stats: OutboxStats;
  /** Queues another update of the alert, to run after `delayMs` (default at once), unless one is pending. */
  requeueUpdate(alertId: string, delayMs?: number): Promise<void>;
  /** Queues the alert's next update, to run after `delayMs`, by the job whose "update pending" mark is set. */
  followUpdate(alertId: string, delayMs: number): Promise<void>;
  /** Counts a message given up because its space takes none from the bot, by the sender's reason (BotMetrics). */
  undeliverable?(reason: string): void;
  /** Queues again an alert's post given up with ChannelUndeliverableError; false when there is none. */
  retryUndeliveredPost(alertId: string): Promise<boolean>;
  /** How long a space that takes no message from the bot is not tried again; default 15 minutes. */
  undeliverableRetryMs?: number;
}

/**
 * A message given up because its space (channel) takes none from the bot. Reported once per space
 * (a warn line), so the outbox's usual "given up" error line is not repeated for each message.
 */
export class ChannelUndeliverableError extends UnrecoverableError {
  constructor(
    readonly where: SpaceKey,
    readonly reason: string,
  ) {
    // `slack takes no message from the bot in C…: not_in_channel`, as before the chat seam.
    super(`${where.platform}${UNDELIVERABLE_MIDDLE}${where.space}: ${reason}`);
    this.name = 'ChannelUndeliverableError';
  }
}

// An update or reply whose alert is not posted yet checks again, a little later each time; after
// this many checks (days, at the cap) the post has clearly failed for good and the job gives up.
const MAX_WAITS_FOR_POST = 10_000;
const POSTED_TTL_MS = 7 * 24 * 3600_000;
// One update of an alert's message in flight at a time. Its hold outlives the outbox client's 15 s
// timeout, so it only lapses on its own when the replica sending died; others check every 250 ms.
const SENDING_HOLD_MS = 30_000;
const SENDING_POLL_MS = 250;
// How long a space the platform said takes no message from the bot (not_in_channel...) is not tried
// again: once the bot is invited, alerts flow again within this; until then the platform hears of it
// this often at most.
const UNDELIVERABLE_MS = 15 * 60_000;
const UNDELIVERABLE_MIDDLE = ' takes no message from the bot in ';
const UNDELIVERABLE_REASON = /^[a-z][a-z0-9-]{1,15} takes no message from the bot in /;
// The reason given for a destination whose platform has no sender in this bot.
const NO_SENDER = 'no_sender';
// Without a sender (or before one is known) the pace of a space is Slack's ~1 message a second.
const DEFAULT_INTERVAL_MS = 1000;
// The posted record: a MessageRef; before the chat seam, Slack's `{channel, ts}`.
const postedSchema = z.union([
  messageRefSchema,
  z
    .object({ channel: z.string().min(1), ts: z.string().min(1) })
    .transform(({ channel, ts }): MessageRef => ({ platform: 'slack', space: channel, message: ts })),
]);

/** The BullMQ processor of the outbox: dispatches on job.name after validating the payload. */
export function createOutboxProcessor<A extends OutboxAlert>(deps: OutboxProcessorDeps<A>) {
  const { redis, keys, stats, logger } = deps;
  const undeliverableMs = deps.undeliverableRetryMs ?? UNDELIVERABLE_MS;

  /** The alert as stored, and the fields the outbox reads from it (validated: it came from Redis). */
  async function readAlert(alertId: string): Promise<{ raw: A; view: OutboxAlert } | null> {
    const raw = await deps.alerts.get(alertId);
    if (!raw) return null;
    const view = parseOr(
      outboxAlertSchema,
      raw,
      (issue) => new UnrecoverableError(`alert ${alertId} is malformed: ${issue.message}`),
    );
    return { raw, view };
  }

  /** Puts the job back for `ms` without counting an attempt. */
  async function delay(job: Job, token: string | undefined, ms: number): Promise<never> {
    await job.moveToDelayed(Date.now() + Math.max(0, Math.ceil(ms)), token);
    throw new DelayedError();
  }

  /** Takes the pacing slots, or puts the job back until they free up. */
  async function pace(job: Job, token: string | undefined, slots: PaceSlot[], hold?: PaceHold): Promise<void> {
    const wait = await acquireSlots(redis, slots, hold);
    if (wait > 0) {
      stats.paced += 1;
      await delay(job, token, wait);
    }
  }

  /** The sender of the space's platform; none when this bot has no adapter for it. */
  function senderOf(where: SpaceKey): OutboxSender | undefined {
    return deps.senders.get(where.platform);
  }

  /** The least time between two messages to the space: its platform's, unless overridden. */
  function intervalOf(where: SpaceKey): number {
    return deps.perSpaceIntervalMs ?? senderOf(where)?.perSpaceIntervalMs ?? DEFAULT_INTERVAL_MS;
  }

  /**
   * The pacing slots of a message to the space, shared by every replica: the space's, and the
   * platform's when it limits a whole project (Google Chat: 3,000 writes a minute), taken together.
   */
  function spaceSlots(where: SpaceKey): PaceSlot[] {
    const slots = [{ key: keys.spacePace(where), intervalMs: intervalOf(where) }];
    const platformMs = senderOf(where)?.perPlatformIntervalMs;
    if (platformMs !== undefined && platformMs > 0)
      slots.push({ key: keys.platformPace(where.platform), intervalMs: platformMs });
    return slots;
  }

  /** Gives the message up: its space takes none from the bot. Counted each time, logged once per space and period. */
  async function giveUpOn(where: SpaceKey, reason: string, first: boolean): Promise<never> {
    deps.undeliverable?.(reason);
    if (first)
      logger.warn(
        { channel: where.space, error: reason, retryInMinutes: undeliverableMs / 60_000 },
        'alerts cannot be posted to this channel (invite the bot, or fix the channel map); they are kept, and not sent until then',
      );
    throw new ChannelUndeliverableError(where, reason);
  }

  /** Remembers that the space takes no message from the bot; true for the first replica or job to learn it. */
  async function markUndeliverable(where: SpaceKey, reason: string): Promise<boolean> {
    return (await redis.set(keys.spaceUndeliverable(where), reason, 'PX', undeliverableMs, 'NX')) !== null;
  }

  /**
   * Runs one call of the space's sender; a failure becomes a pause (rate limited), a retry
   * (transient) or a final failure. A space the platform said takes no message from the bot (or
   * whose platform has no sender) is not called at all for a while.
   */
  async function send<T>(
    job: Job,
    token: string | undefined,
    where: SpaceKey,
    call: (sender: OutboxSender) => Promise<T>,
  ) {
    const known = await redis.get(keys.spaceUndeliverable(where));
    if (known) return giveUpOn(where, known, false);
    const sender = senderOf(where);
    if (!sender) return giveUpOn(where, NO_SENDER, await markUndeliverable(where, NO_SENDER));
    try {
      return await call(sender);
    } catch (err) {
      const failure = sender.classify(err);
      if (failure.kind === 'undeliverable')
        return giveUpOn(where, failure.reason, await markUndeliverable(where, failure.reason));
      if (failure.kind === 'rate-limited') {
        stats.rateLimited += 1;
        // Every replica's next message to this space waits too, not only this job.
        await pauseSlot(redis, keys.spacePace(where), failure.retryAfterMs);
        logger.warn(
          { job: job.name, jobId: job.id, channel: where.space, retryAfterMs: failure.retryAfterMs },
          `${sender.platform} rate limit`,
        );
        return delay(job, token, failure.retryAfterMs);
      }
      if (failure.kind === 'permanent')
        throw new UnrecoverableError(`${sender.platform} refused the message: ${failure.message}`);
      // A plain error: BullMQ retries it with the outbox's backoff.
      throw new Error(`${sender.platform} call failed: ${failure.message}`);
    }
  }

  /**
   * An update or reply that came before its alert's post checks again later. A post given up
   * because its space took no message from the bot is queued again once that space is due
   * another try (the bot may have been invited), so a kept alert is posted after all.
   */
  async function waitForPost(job: Job, token: string | undefined, alert: OutboxAlert, waits: number): Promise<never> {
    const alertId = alert.id;
    if (waits >= MAX_WAITS_FOR_POST) throw new UnrecoverableError(`alert ${alertId} was never posted`);
    if ((await redis.exists(keys.spaceUndeliverable(alert.destination))) === 0)
      await deps.retryUndeliveredPost(alertId);
    await job.updateData({ ...(job.data as object), waits: waits + 1 });
    const base = Math.max(intervalOf(alert.destination), 100);
    return delay(job, token, Math.min(Math.max(2000, 20 * base), base * 2 ** Math.min(waits, 16)));
  }

  async function runPost(job: Job, token: string | undefined, { alertId }: OutboxJobData<'post'>): Promise<string> {
    const alert = await readAlert(alertId);
    if (!alert) return 'gone';
    if (alert.view.message) return 'already posted';
    // The platform took it but recording where failed last time: record it now, never post twice.
    const recorded = postedSchema.safeParse(parseJson(await redis.get(keys.posted(alertId))));
    if (recorded.success) {
      await deps.alerts.setMessage(alertId, recorded.data);
      return 'already posted';
    }
    const { destination } = alert.view;
    await pace(job, token, spaceSlots(destination));
    const message = deps.render(alert.raw);
    // Keyed by the alert id: one alert, one post, however often this job runs.
    const answer = await send(job, token, destination, (sender) => sender.post(destination, message, alertId));
    const posted = messageRefSchema.safeParse(answer);
    // The platform said ok without saying where: posting again would duplicate the alert, so stop here.
    if (!posted.success)
      throw new UnrecoverableError(`${destination.platform} posted alert ${alertId} but answered no message id`);
    const where = posted.data;
    await redis.set(keys.posted(alertId), JSON.stringify(where), 'PX', POSTED_TTL_MS);
    await raiseShownVersion(redis, keys.shownVersion(alertId), alert.view.version);
    await deps.alerts.setMessage(alertId, where);
    stats.posted += 1;
    return 'posted';
  }

  async function runUpdate(job: Job, token: string | undefined, data: OutboxJobData<'update'>): Promise<string> {
    const { alertId } = data;
    const alert = await readAlert(alertId);
    if (!alert) {
      await redis.del(keys.updatePending(alertId));
      return 'gone';
    }
    const posted = alert.view.message;
    if (!posted) return waitForPost(job, token, alert.view, data.waits ?? 0);
    // Two updates of one message in flight at once (a slow answer, another replica) could land in
    // the wrong order: the chat would keep showing the older count while the record says the newer.
    const sending = { key: keys.alertSending(alertId), owner: randomUUID() };
    await pace(
      job,
      token,
      [...spaceSlots(posted), { key: keys.alertPace(alertId), intervalMs: deps.updateIntervalMs }],
      {
        ...sending,
        maxMs: SENDING_HOLD_MS,
        pollMs: SENDING_POLL_MS,
      },
    );
    try {
      return await sendUpdate(job, token, alertId, posted, alert);
    } finally {
      // Left to its TTL if Redis fails here: the next update then waits, nothing is lost.
      await releaseHold(redis, sending.key, sending.owner).catch(() => undefined);
    }
  }

  /**
   * The update itself, once this job holds the alert's message: the latest version, if the chat
   * does not show it yet. After a send, the next update is queued at once for when the alert's pace
   * allows it, and the alert's "update pending" mark stays set: in a storm, update() calls until
   * then add no job, each of which would only wake to be put back (two runs and a dozen Redis calls
   * per update). That job finds nothing new once the storm is over, and the chain ends there.
   */
  async function sendUpdate(
    job: Job,
    token: string | undefined,
    alertId: string,
    posted: MessageRef,
    alert: { raw: A; view: OutboxAlert },
  ): Promise<string> {
    const latest = (await readAlert(alertId)) ?? alert;
    const shown = await readShownVersion(redis, keys.shownVersion(alertId));
    if (latest.view.version > shown) {
      const message = deps.render(latest.raw);
      await send(job, token, posted, (sender) => sender.update(posted, message));
      await raiseShownVersion(redis, keys.shownVersion(alertId), latest.view.version);
      stats.updated += 1;
      await deps.followUpdate(alertId, deps.updateIntervalMs);
      return 'updated';
    }
    // Nothing new: from here on, a new update() queues a job of its own. The alert is read once
    // more after the mark is cleared, so a change whose update() the mark absorbed is not lost.
    await redis.del(keys.updatePending(alertId));
    const after = await readAlert(alertId);
    // This job took the alert's pace slot (runUpdate): the next update cannot go out sooner.
    if (after && after.view.version > shown) await deps.requeueUpdate(alertId, deps.updateIntervalMs);
    return 'unchanged';
  }

  async function runReply(job: Job, token: string | undefined, data: OutboxJobData<'reply'>): Promise<string> {
    const alert = await readAlert(data.alertId);
    if (!alert) return 'gone';
    const posted = alert.view.message;
    if (!posted) return waitForPost(job, token, alert.view, data.waits ?? 0);
    await pace(job, token, spaceSlots(posted));
    const message = deps.renderStillHappening(alert.raw, data.count);
    // The same on every retry of this job: the window it reports (or, queued without one, the job's id).
    const key = `${data.alertId}:${data.key ?? `job-${job.id ?? ''}`}`;
    await send(job, token, posted, (sender) => sender.replyInThread(posted, message, key));
    stats.replies += 1;
    return 'replied';
  }

  return async (job: Job, token?: string): Promise<string> => {
    if (!isOutboxJobName(job.name)) throw new UnrecoverableError(`unknown outbox job ${job.name}`);
    switch (job.name) {
      case 'post':
        return runPost(job, token, parse('post', job));
      case 'update':
        return runUpdate(job, token, parse('update', job));
      case 'reply':
        return runReply(job, token, parse('reply', job));
    }
  };
}

function parse<N extends keyof typeof OUTBOX_JOB_SCHEMAS>(name: N, job: Job): OutboxJobData<N> {
  return parseOr(
    OUTBOX_JOB_SCHEMAS[name],
    job.data,
    (issue) => new UnrecoverableError(`invalid ${name} payload: ${issue.message}`),
  ) as OutboxJobData<N>;
}

// An unreadable record reads as none: the worst case is the duplicate post the record guards against.
function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** True when a failed post was given up because its space took no message from the bot. */
export function failedAsUndeliverable(failedReason: string | undefined): boolean {
  return failedReason !== undefined && UNDELIVERABLE_REASON.test(failedReason);
}
