import { randomUUID } from 'node:crypto';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import type { WebClient } from '@slack/web-api';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Logger } from '../logging/logger';
import type { SlackMessage } from '../slack/slack-message';
import { OutboxAlert, OutboxAlertSource, outboxAlertSchema } from './outbox-alert-source';
import { OUTBOX_JOB_SCHEMAS, OutboxJobData, isOutboxJobName } from './outbox-jobs';
import { OutboxKeys } from './outbox-keys';
import { PaceHold, PaceSlot, acquireSlots, pauseSlot, releaseHold } from './outbox-pacer';
import { raiseShownVersion, readShownVersion } from './outbox-shown-version';
import { UndeliverableError, classifySlackError, isUndeliverable } from './outbox-slack-error';

/** What the outbox has done, counted by this instance. */
export interface OutboxStats {
  /** Alerts posted (chat.postMessage). */
  posted: number;
  /** Alert messages updated in place (chat.update). */
  updated: number;
  /** "Still happening" thread replies posted. */
  replies: number;
  /** update() calls that added nothing because an update of that alert was already pending. */
  coalesced: number;
  /** Jobs put back because their channel (or alert) had to wait. */
  paced: number;
  /** 429 answers from Slack. */
  rateLimited: number;
}

/** Everything the processor uses; built by SlackOutbox. */
export interface OutboxProcessorDeps<A extends OutboxAlert> {
  redis: Redis;
  keys: OutboxKeys;
  slack: WebClient;
  alerts: OutboxAlertSource<A>;
  render: (alert: A) => SlackMessage;
  renderStillHappening: (alert: A, count: number) => SlackMessage;
  perChannelIntervalMs: number;
  updateIntervalMs: number;
  logger: Logger;
  stats: OutboxStats;
  /** Queues another update of the alert unless one is pending. */
  requeueUpdate(alertId: string): Promise<void>;
  /** Counts a message given up because its channel takes none from the bot (BotMetrics). */
  undeliverable?(error: UndeliverableError): void;
  /** Queues again an alert's post given up with ChannelUndeliverableError; false when there is none. */
  retryUndeliveredPost(alertId: string): Promise<boolean>;
  /** How long a channel that takes no message from the bot is not tried again; default 15 minutes. */
  undeliverableRetryMs?: number;
}

/**
 * A message given up because its channel takes none from the bot. Reported once per channel (a
 * warn line), so the outbox's usual "given up" error line is not repeated for each message.
 */
export class ChannelUndeliverableError extends UnrecoverableError {
  constructor(
    readonly channel: string,
    readonly error: UndeliverableError,
  ) {
    super(`${UNDELIVERABLE_PREFIX}${channel}: ${error}`);
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
// How long a channel Slack said takes no message from the bot (not_in_channel...) is not tried again:
// once the bot is invited, alerts flow again within this; until then Slack hears of it this often at most.
const UNDELIVERABLE_MS = 15 * 60_000;
const UNDELIVERABLE_PREFIX = 'slack takes no message from the bot in ';
const postedSchema = z.object({ channel: z.string().min(1), ts: z.string().min(1) });
const postAnswerSchema = z.looseObject({ ts: z.string().min(1), channel: z.string().min(1).optional() });

/** The BullMQ processor of the outbox: dispatches on job.name after validating the payload. */
export function createOutboxProcessor<A extends OutboxAlert>(deps: OutboxProcessorDeps<A>) {
  const { redis, keys, stats, logger } = deps;
  const undeliverableMs = deps.undeliverableRetryMs ?? UNDELIVERABLE_MS;

  /** The alert as stored, and the fields the outbox reads from it (validated: it came from Redis). */
  async function readAlert(alertId: string): Promise<{ raw: A; view: OutboxAlert } | null> {
    const raw = await deps.alerts.get(alertId);
    if (!raw) return null;
    const parsed = outboxAlertSchema.safeParse(raw);
    if (!parsed.success)
      throw new UnrecoverableError(`alert ${alertId} is malformed: ${parsed.error.issues[0]?.message}`);
    return { raw, view: parsed.data };
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

  /** Gives the message up: its channel takes none from the bot. Counted each time, logged once per channel and period. */
  async function giveUpOn(channel: string, error: UndeliverableError, first: boolean): Promise<never> {
    deps.undeliverable?.(error);
    if (first)
      logger.warn(
        { channel, error, retryInMinutes: undeliverableMs / 60_000 },
        'alerts cannot be posted to this channel (invite the bot, or fix the channel map); they are kept, and not sent until then',
      );
    throw new ChannelUndeliverableError(channel, error);
  }

  /**
   * Runs one Slack call; a failure becomes a pause (429), a retry (transient) or a final failure.
   * A channel Slack said takes no message from the bot is not called at all for a while.
   */
  async function callSlack<T>(job: Job, token: string | undefined, channel: string, call: () => Promise<T>) {
    const known = await redis.get(keys.channelUndeliverable(channel));
    if (known !== null && isUndeliverable(known)) return giveUpOn(channel, known, false);
    try {
      return await call();
    } catch (err) {
      const failure = classifySlackError(err);
      if (failure.kind === 'undeliverable') {
        // Only the first replica or job to learn it reports it.
        const first = await redis.set(keys.channelUndeliverable(channel), failure.error, 'PX', undeliverableMs, 'NX');
        return giveUpOn(channel, failure.error, first !== null);
      }
      if (failure.kind === 'rate-limited') {
        stats.rateLimited += 1;
        // Every replica's next message to this channel waits too, not only this job.
        await pauseSlot(redis, keys.channelPace(channel), failure.retryAfterMs);
        logger.warn({ job: job.name, jobId: job.id, channel, retryAfterMs: failure.retryAfterMs }, 'slack rate limit');
        return delay(job, token, failure.retryAfterMs);
      }
      if (failure.kind === 'permanent') throw new UnrecoverableError(`slack refused the message: ${failure.message}`);
      // A plain error: BullMQ retries it with the outbox's backoff.
      throw new Error(`slack call failed: ${failure.message}`);
    }
  }

  /**
   * An update or reply that came before its alert's post checks again later. A post given up
   * because its channel took no message from the bot is queued again once that channel is due
   * another try (the bot may have been invited), so a kept alert is posted after all.
   */
  async function waitForPost(job: Job, token: string | undefined, alert: OutboxAlert, waits: number): Promise<never> {
    const alertId = alert.id;
    if (waits >= MAX_WAITS_FOR_POST) throw new UnrecoverableError(`alert ${alertId} was never posted`);
    if ((await redis.exists(keys.channelUndeliverable(alert.channel))) === 0) await deps.retryUndeliveredPost(alertId);
    await job.updateData({ ...(job.data as object), waits: waits + 1 });
    const base = Math.max(deps.perChannelIntervalMs, 100);
    return delay(job, token, Math.min(Math.max(2000, 20 * base), base * 2 ** Math.min(waits, 16)));
  }

  async function runPost(job: Job, token: string | undefined, { alertId }: OutboxJobData<'post'>): Promise<string> {
    const alert = await readAlert(alertId);
    if (!alert) return 'gone';
    if (alert.view.messageTs) return 'already posted';
    // Slack took it but recording the ts failed last time: record it now, never post twice.
    const recorded = postedSchema.safeParse(parseJson(await redis.get(keys.posted(alertId))));
    if (recorded.success) {
      await deps.alerts.setMessage(alertId, recorded.data.channel, recorded.data.ts);
      return 'already posted';
    }
    const { channel } = alert.view;
    await pace(job, token, [{ key: keys.channelPace(channel), intervalMs: deps.perChannelIntervalMs }]);
    const message = deps.render(alert.raw);
    const answer = await callSlack(job, token, channel, () =>
      deps.slack.chat.postMessage({ channel, text: message.text, blocks: message.blocks }),
    );
    const posted = postAnswerSchema.safeParse(answer);
    // Slack said ok without a ts: posting again would duplicate the alert, so stop here.
    if (!posted.success) throw new UnrecoverableError(`slack posted alert ${alertId} but answered no ts`);
    const where = { channel: posted.data.channel ?? channel, ts: posted.data.ts };
    await redis.set(keys.posted(alertId), JSON.stringify(where), 'PX', POSTED_TTL_MS);
    await raiseShownVersion(redis, keys.shownVersion(alertId), alert.view.version);
    await deps.alerts.setMessage(alertId, where.channel, where.ts);
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
    const { messageTs } = alert.view;
    if (!messageTs) return waitForPost(job, token, alert.view, data.waits ?? 0);
    const channel = alert.view.messageChannel ?? alert.view.channel;
    // Two updates of one message in flight at once (a slow answer, another replica) could land in
    // the wrong order: Slack would keep showing the older count while the record says the newer.
    const sending = { key: keys.alertSending(alertId), owner: randomUUID() };
    await pace(
      job,
      token,
      [
        { key: keys.channelPace(channel), intervalMs: deps.perChannelIntervalMs },
        { key: keys.alertPace(alertId), intervalMs: deps.updateIntervalMs },
      ],
      { ...sending, maxMs: SENDING_HOLD_MS, pollMs: SENDING_POLL_MS },
    );
    try {
      return await sendUpdate(job, token, alertId, messageTs, channel, alert);
    } finally {
      // Left to its TTL if Redis fails here: the next update then waits, nothing is lost.
      await releaseHold(redis, sending.key, sending.owner).catch(() => undefined);
    }
  }

  /** The update itself, once this job holds the alert's message: the latest version, if Slack does not show it yet. */
  async function sendUpdate(
    job: Job,
    token: string | undefined,
    alertId: string,
    messageTs: string,
    channel: string,
    alert: { raw: A; view: OutboxAlert },
  ): Promise<string> {
    // From here on, a new update() queues a new job: this one may already have read the alert.
    await redis.del(keys.updatePending(alertId));
    const latest = (await readAlert(alertId)) ?? alert;
    if (latest.view.version <= (await readShownVersion(redis, keys.shownVersion(alertId)))) return 'unchanged';
    const message = deps.render(latest.raw);
    await callSlack(job, token, channel, () =>
      deps.slack.chat.update({ channel, ts: messageTs, text: message.text, blocks: message.blocks }),
    );
    await raiseShownVersion(redis, keys.shownVersion(alertId), latest.view.version);
    stats.updated += 1;
    const after = await readAlert(alertId);
    if (after && after.view.version > latest.view.version) await deps.requeueUpdate(alertId);
    return 'updated';
  }

  async function runReply(job: Job, token: string | undefined, data: OutboxJobData<'reply'>): Promise<string> {
    const alert = await readAlert(data.alertId);
    if (!alert) return 'gone';
    const { messageTs } = alert.view;
    if (!messageTs) return waitForPost(job, token, alert.view, data.waits ?? 0);
    const channel = alert.view.messageChannel ?? alert.view.channel;
    await pace(job, token, [{ key: keys.channelPace(channel), intervalMs: deps.perChannelIntervalMs }]);
    const message = deps.renderStillHappening(alert.raw, data.count);
    await callSlack(job, token, channel, () =>
      deps.slack.chat.postMessage({ channel, thread_ts: messageTs, text: message.text, blocks: message.blocks }),
    );
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
  const parsed = OUTBOX_JOB_SCHEMAS[name].safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`invalid ${name} payload: ${parsed.error.issues[0]?.message}`);
  return parsed.data as OutboxJobData<N>;
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

/** True when a failed post was given up because its channel took no message from the bot. */
export function failedAsUndeliverable(failedReason: string | undefined): boolean {
  return failedReason?.startsWith(UNDELIVERABLE_PREFIX) ?? false;
}
