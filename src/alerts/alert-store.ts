import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { withRedis } from '../approvals/with-redis';
import {
  type ConversationRef,
  type MessageRef,
  conversationRefSchema,
  messageRefSchema,
} from '../chat/conversation-ref';
import { ClassifiedEntry } from '../classifier/classify-entry';
import { RemoteError, UsageError } from '../errors';
import { messageIdFits } from './alert-destinations';
import { alertIdSchema } from './alert-id';
import { fromHash, pairsToHash } from './alert-record';
import { MARK_REPORTED_SCRIPT, MUTE_SCRIPT, RECORD_SCRIPT, SET_MESSAGE_SCRIPT, SETTLE_SCRIPT } from './alert-scripts';
import { entryProblem } from './entry-problem';
import { AlertState, ProblemKey, RecordOutcome } from './problem';
import { parseOr } from '../validation/parse-or';

/** Options of AlertStore. */
export interface AlertStoreOptions {
  /** Prefix of every key the store writes, e.g. `imagestream:alerts:`. */
  keyPrefix: string;
  /** One alert per problem within this window; default 10 min. */
  windowMs?: number;
  /** How long an insertId is remembered for deduplication; default 24 h. */
  dedupTtlMs?: number;
  /** How long a redelivered entry waits for the replica that holds it before replaying its outcome; default 60 s. */
  leaseMs?: number;
  /** The clock, epoch ms; tests move it. */
  now?: () => number;
  /** Where the alerts of a problem go (alertRoutes); null when nowhere. */
  destinationFor: (key: ProblemKey) => ConversationRef | null;
  /**
   * Whether a posted message's id is one its platform issues, checked before it is stored. Default:
   * the platforms the channel map routes to (alert-destinations.ts); a platform whose destinations
   * come from elsewhere (`destinationFor`) says how its own ids look.
   */
  messageIdFits?: (ref: MessageRef) => boolean;
  /** Told when an alert opens or is muted (the App Home refreshes); must not throw. */
  onChange?: () => void;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const optionsSchema = z.object({
  keyPrefix: z.string().min(1).max(200),
  windowMs: z.number().int().min(1).max(DAY).optional(),
  dedupTtlMs: z
    .number()
    .int()
    .min(1)
    .max(30 * DAY)
    .optional(),
  leaseMs: z.number().int().min(1).max(DAY).optional(),
});
const MAX_MUTE_MS = 30 * DAY;

/**
 * Alerts in Redis, shared by every bot replica: deduplication on the entry's insertId and
 * grouping per problem (project, cluster, class) in one Lua script per entry, so concurrent
 * replicas agree and exactly one is told to post each alert.
 *
 * Every record() that returns new/updated/still_happening leaves the entry "pending" until
 * settle(): a redelivery of an entry whose outcome never reached the outbox (the replica crashed, or
 * its hand-over failed) gets the same outcome again instead of a duplicate, so no alert is lost
 * and no count moves twice.
 */
export class AlertStore {
  private readonly prefix: string;
  private readonly windowMs: number;
  private readonly dedupTtlMs: number;
  private readonly leaseMs: number;
  private readonly now: () => number;
  private readonly destinationFor: (key: ProblemKey) => ConversationRef | null;
  private readonly messageIdFits: (ref: MessageRef) => boolean;
  private readonly onChange: () => void;

  constructor(
    private readonly redis: Redis,
    options: AlertStoreOptions,
  ) {
    parseOr(optionsSchema, options, (issue) => new UsageError(`invalid alert store options: ${issue.message}`));
    this.prefix = options.keyPrefix;
    this.windowMs = options.windowMs ?? 10 * MINUTE;
    this.dedupTtlMs = options.dedupTtlMs ?? DAY;
    this.leaseMs = options.leaseMs ?? MINUTE;
    this.now = options.now ?? Date.now;
    this.destinationFor = options.destinationFor;
    this.messageIdFits = options.messageIdFits ?? messageIdFits;
    this.onChange = options.onChange ?? (() => undefined);
  }

  /**
   * True the first time (within dedupTtlMs) any replica sees this Pub/Sub message id as poison:
   * Pub/Sub redelivers a message (to any replica) whose ack did not land in time, and an unreadable
   * message is counted and logged once. RemoteError when Redis fails.
   */
  async firstPoison(messageId: string): Promise<boolean> {
    const set = await withRedis('record poison message', () =>
      this.redis.set(this.poisonKey(messageId), '1', 'PX', this.dedupTtlMs, 'NX'),
    );
    return set === 'OK';
  }

  /** Deduplicates and groups one classified entry, atomically; RemoteError when Redis fails. */
  async record(entry: ClassifiedEntry): Promise<RecordOutcome> {
    const now = this.now();
    const problem = entryProblem(entry, now);
    if ('ignored' in problem) return { kind: 'ignored', reason: problem.ignored };
    const destination = conversationRefSchema.safeParse(this.destinationFor(problem.key));
    // No ALERT_CHANNEL and no map entry: there is nowhere to post, and retrying cannot change that.
    if (!destination.success) return { kind: 'ignored', reason: 'no alert channel for this problem' };
    // Stable for (problem, window start): a retried script creates the same id.
    const candidateId = createHash('sha256').update(`${problem.keyHash}:${now}`).digest('base64url').slice(0, 22);
    const reply = await withRedis('record alert entry', () =>
      this.redis.eval(
        RECORD_SCRIPT,
        4,
        this.dedupKey(problem.dedupId),
        `${this.prefix}problem:${problem.keyHash}`,
        `${this.prefix}mute:${problem.keyHash}`,
        this.openKey(),
        now,
        this.windowMs,
        this.dedupTtlMs,
        this.alertTtlMs(),
        this.leaseMs,
        `${this.prefix}alert:`,
        candidateId,
        problem.key.project,
        problem.key.cluster,
        problem.key.class,
        problem.location ?? '',
        JSON.stringify({ platform: destination.data.platform, space: destination.data.space }),
        problem.node ?? '',
        problem.seen,
        problem.seenMs,
        JSON.stringify(problem.sample),
        problem.keyHash,
        this.indexTtlMs(),
      ),
    );
    if (!Array.isArray(reply) || reply.length === 0) throw new RemoteError('unexpected answer from the alert script');
    const status = String(reply[0]);
    if (status === 'duplicate') return { kind: 'duplicate' };
    if (status === 'muted_gone') return { kind: 'ignored', reason: 'the problem is muted' };
    const alert = fromHash(pairsToHash(reply[1]));
    if (status === 'new') this.onChange();
    switch (status) {
      case 'new':
      case 'updated':
      case 'muted':
        return { kind: status, alert };
      case 'still_happening':
        return { kind: status, alert, count: Number(reply[2]) };
      default:
        throw new RemoteError(`unexpected answer from the alert script: ${status.slice(0, 40)}`);
    }
  }

  /**
   * Ends the hand-over of an entry's outcome: `handled` true once its effect is stored (the
   * entry is then a plain duplicate for dedupTtlMs), false when it failed (the redelivery replays
   * the outcome at once). Entries record() ignored need no settle; calling it is harmless.
   */
  async settle(entry: ClassifiedEntry, handled: boolean): Promise<void> {
    const problem = entryProblem(entry, this.now());
    if ('ignored' in problem) return;
    await withRedis('settle alert entry', () =>
      this.redis.eval(SETTLE_SCRIPT, 1, this.dedupKey(problem.dedupId), handled ? '1' : '0'),
    );
  }

  /** The alert, or null if there is none or the id is not of our shape (it comes from a button value). */
  async get(id: string): Promise<AlertState | null> {
    if (!alertIdSchema.safeParse(id).success) return null;
    const hash = await withRedis('read alert', () => this.redis.hgetall(this.alertKey(id)));
    if (Object.keys(hash).length === 0) return null;
    return fromHash(hash);
  }

  /** Records where the alert was posted, for updates and thread replies. No-op if the alert is gone. */
  async setMessage(id: string, ref: MessageRef): Promise<void> {
    if (!alertIdSchema.safeParse(id).success) throw new UsageError('no alert has that id');
    const parsed = messageRefSchema.safeParse(ref);
    if (!parsed.success || !this.messageIdFits(parsed.data)) {
      throw new UsageError(`invalid message reference ${JSON.stringify(ref).slice(0, 160)}`);
    }
    const { platform, space, message } = parsed.data;
    await withRedis('record alert message', () =>
      this.redis.eval(SET_MESSAGE_SCRIPT, 1, this.alertKey(id), JSON.stringify({ platform, space, message })),
    );
  }

  /** Mutes the alert's problem (every alert of that key, not just this id) until now+forMs; null if the alert is gone. */
  async mute(id: string, forMs: number): Promise<AlertState | null> {
    if (!alertIdSchema.safeParse(id).success) return null;
    if (!Number.isInteger(forMs) || forMs < 1 || forMs > MAX_MUTE_MS) {
      throw new UsageError('a mute lasts from 1 ms to 30 days');
    }
    const reply = await withRedis('mute alert', () =>
      this.redis.eval(MUTE_SCRIPT, 1, this.alertKey(id), this.now(), forMs, `${this.prefix}mute:`, this.windowMs),
    );
    const hash = pairsToHash(reply);
    if (Object.keys(hash).length === 0) return null;
    this.onChange();
    return fromHash(hash);
  }

  /**
   * Stored alerts, most recently active first (default 50, at most 200): alerts live
   * max(dedupTtl, 3 windows), longer while muted. Index entries whose alert has expired are
   * dropped on the way; an unreadable record is left out (get(id) reports it).
   */
  async listOpen(limit = 50): Promise<AlertState[]> {
    const count = Math.min(200, Math.max(1, Math.trunc(Number.isFinite(limit) ? limit : 50)));
    return withRedis('list open alerts', async () => {
      const ids = await this.redis.zrevrange(this.openKey(), 0, count - 1);
      if (ids.length === 0) return [];
      const pipeline = this.redis.pipeline();
      for (const id of ids) pipeline.hgetall(this.alertKey(id));
      const replies = (await pipeline.exec()) ?? [];
      const open: AlertState[] = [];
      const gone: string[] = [];
      replies.forEach(([err, hash], i) => {
        const fields = hash as Record<string, string> | undefined;
        if (err || !fields) return;
        if (Object.keys(fields).length === 0) return void gone.push(ids[i]!);
        try {
          open.push(fromHash(fields));
        } catch {
          // One bad record must not hide the others.
        }
      });
      if (gone.length > 0) await this.redis.zrem(this.openKey(), ...gone);
      return open;
    });
  }

  /** Marks `count` after-window entries as reported (called by whoever posts the "still happening" reply). */
  async markReported(id: string, count: number): Promise<void> {
    if (!alertIdSchema.safeParse(id).success) throw new UsageError('no alert has that id');
    if (!Number.isInteger(count) || count < 0) throw new UsageError('the reported count must be a whole number');
    await withRedis('mark alert entries reported', () =>
      this.redis.eval(MARK_REPORTED_SCRIPT, 1, this.alertKey(id), count),
    );
  }

  /** Alerts live long enough to tell "still happening" from "back after a quiet window". */
  private alertTtlMs(): number {
    return Math.max(this.dedupTtlMs, 3 * this.windowMs);
  }

  /** No alert outlives its longest mute by much: older index entries can only point at expired alerts. */
  private indexTtlMs(): number {
    return MAX_MUTE_MS + this.alertTtlMs();
  }

  private alertKey(id: string): string {
    return `${this.prefix}alert:${id}`;
  }

  private openKey(): string {
    return `${this.prefix}open`;
  }

  private poisonKey(messageId: string): string {
    return `${this.prefix}poison:${messageId}`;
  }

  private dedupKey(dedupId: string): string {
    return `${this.prefix}seen:${dedupId}`;
  }
}
