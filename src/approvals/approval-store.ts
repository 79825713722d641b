import type { Redis } from 'ioredis';
import { z } from 'zod';
import { RemoteError, UsageError } from '../errors';
import { MessageRef, messageRefSchema } from '../chat/conversation-ref';
import { PrincipalId, principalIdSchema } from '../chat/principal-id';
import {
  APPROVAL_STATES,
  ApprovalRequest,
  approvalIdSchema,
  approvalRequestSchema,
  newApprovalId,
} from './approval-request';
import { fromHash, pairsToHash, toHash } from './approval-record';
import { CLAIM_POST_SCRIPT, DECIDE_SCRIPT, ORIGIN_SCRIPT, SET_MESSAGE_SCRIPT, UPDATE_SCRIPT } from './approval-scripts';
import { ApprovalStateError } from './approval-state-error';
import { withRedis } from './with-redis';
import { parseOr } from '../validation/parse-or';

/** Options of ApprovalStore; the defaults suit production. */
export interface ApprovalStoreOptions {
  /** Prefix of every key the store writes; default `imagestream:approvals:`. */
  keyPrefix?: string;
  /** How long a request may wait for a decision; default 24 h. */
  ttlMs?: number;
  /** How long a finished request (expired, denied, done, failed) stays readable; default 7 days. */
  retainMs?: number;
  /** The clock, epoch ms; tests move it. */
  now?: () => number;
  /** Told when a request is created, decided (or found expired) or finished (the App Home refreshes); must not throw. */
  onChange?: () => void;
}

/** What decide() did: the decided request, or why nothing changed (with the request as it stands). */
export type DecideResult =
  | { ok: true; request: ApprovalRequest }
  | { ok: false; reason: 'not_found' | 'expired' | 'already_decided'; request?: ApprovalRequest };

/** What create() takes: everything the store does not set itself. */
export type NewApprovalRequest = Omit<ApprovalRequest, 'id' | 'createdAt' | 'expiresAt' | 'state'>;

/**
 * What claimPost() found: `claimed` (post now), `posted` (a message is recorded: nothing to post),
 * `claimed_before` (an earlier attempt claimed it and may have posted: do not post again).
 */
export type PostClaim = 'claimed' | 'posted' | 'claimed_before';

/** The fields a job may change. A key present with the value `undefined` deletes that field. */
export type ApprovalPatch = Partial<Pick<ApprovalRequest, 'state' | 'progress' | 'result' | 'operation'>>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const LIMITS = { progress: 4000, result: 10000, notes: 2000 } as const;

const optionsSchema = z.object({
  keyPrefix: z.string().min(1).max(200).optional(),
  ttlMs: z
    .number()
    .int()
    .min(1)
    .max(365 * DAY)
    .optional(),
  retainMs: z
    .number()
    .int()
    .min(1)
    .max(365 * DAY)
    .optional(),
});
const patchSchema = z.object({
  state: z.enum(['running', 'done', 'failed', 'approved']).optional(),
  progress: z.string().optional(),
  result: z.string().optional(),
  operation: z.string().min(1).max(1000).optional(),
});
const originSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_.:-]+$/);

/** Cuts text to what the record accepts, saying so, rather than failing a job over a long API error. */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Approval requests in Redis, shared by every bot replica. Each request is one hash; every state
 * move is one Lua script, so concurrent clicks and retried jobs cannot both win. Ids are checked
 * against the shape we issue before they become keys (a button value is whatever a client sends):
 * an id of any other shape reads as "not found" without touching Redis.
 */
export class ApprovalStore {
  private readonly prefix: string;
  private readonly ttlMs: number;
  private readonly retainMs: number;
  private readonly now: () => number;
  private readonly onChange: () => void;

  constructor(
    private readonly redis: Redis,
    options: ApprovalStoreOptions = {},
  ) {
    parseOr(optionsSchema, options, (issue) => new UsageError(`invalid approval store options: ${issue.message}`));
    this.prefix = options.keyPrefix ?? 'imagestream:approvals:';
    this.ttlMs = options.ttlMs ?? 24 * HOUR;
    this.retainMs = options.retainMs ?? 7 * DAY;
    this.now = options.now ?? Date.now;
    this.onChange = options.onChange ?? (() => undefined);
  }

  /**
   * The expire job found a request past its time. Expiry writes nothing (a request is expired by
   * the clock), so this is the moment to tell whoever shows pending requests (the App Home).
   */
  expirySeen(): void {
    this.onChange();
  }

  /** Stores a new pending request that expires after the configured time; UsageError on bad input. */
  async create(input: NewApprovalRequest): Promise<ApprovalRequest> {
    return this.write(newApprovalId(), input);
  }

  /**
   * Like create(), once per `origin` (a job's own key, e.g. `enable:42`): a retried job gets the
   * request its earlier attempt created (whatever became of it) instead of a second one for the
   * same change. The origin is kept as long as a request can be acted on.
   */
  async createOnce(origin: string, input: NewApprovalRequest): Promise<ApprovalRequest> {
    if (!originSchema.safeParse(origin).success) throw new UsageError('invalid approval request origin');
    const fresh = newApprovalId();
    const id = String(
      await withRedis('record approval request origin', () =>
        this.redis.eval(ORIGIN_SCRIPT, 1, this.originKey(origin), fresh, this.ttlMs + this.retainMs),
      ),
    );
    if (id === fresh) return this.write(id, input);
    // The earlier attempt's request; or its id only, when that attempt failed before storing it.
    return (await this.get(id)) ?? this.write(id, input);
  }

  private async write(id: string, input: NewApprovalRequest): Promise<ApprovalRequest> {
    const createdAt = this.now();
    const candidate = {
      ...input,
      change: { ...input.change, notes: input.change.notes.map((n) => clip(n, LIMITS.notes)) },
      id,
      createdAt,
      expiresAt: createdAt + this.ttlMs,
      state: 'pending' as const,
    };
    const request = parseOr(
      approvalRequestSchema,
      candidate,
      (issue) => new UsageError(`invalid approval request: ${issue.path.join('.')}: ${issue.message}`),
    );
    const key = this.requestKey(request.id);
    await withRedis('create approval request', () =>
      this.redis
        .multi()
        .hset(key, toHash(request))
        // Kept past expiry so a late click is told "expired", not "no such request".
        .pexpireat(key, request.expiresAt + this.retainMs)
        .zadd(this.pendingKey(), request.expiresAt, request.id)
        .zremrangebyscore(this.pendingKey(), '-inf', String(createdAt))
        .exec()
        .then(failedStep),
    );
    this.onChange();
    return request;
  }

  /** The request, or null if there is none (or the id is not one we issue). A pending request past its time reads as `expired`. */
  async get(id: string): Promise<ApprovalRequest | null> {
    if (!approvalIdSchema.safeParse(id).success) return null;
    const hash = await withRedis('read approval request', () => this.redis.hgetall(this.requestKey(id)));
    if (Object.keys(hash).length === 0) return null;
    return this.asOfNow(fromHash(id, hash));
  }

  /** Records where the request message was posted, to update it in place. */
  async setMessage(id: string, ref: MessageRef): Promise<void> {
    this.checkId(id);
    const parsed = messageRefSchema.safeParse(ref);
    if (!parsed.success) {
      throw new UsageError(`invalid message reference ${JSON.stringify(ref).slice(0, 120)}`);
    }
    const found = await withRedis('record approval message', () =>
      this.redis.eval(SET_MESSAGE_SCRIPT, 1, this.requestKey(id), JSON.stringify(parsed.data)),
    );
    if (found !== 1) throw new ApprovalStateError(`approval request ${id} not found`, 'not_found');
  }

  /**
   * Claims the posting of the request message, before it is posted: of all the attempts of a job
   * (and of all replicas), only the first one posts. ApprovalStateError when there is no request.
   */
  async claimPost(id: string): Promise<PostClaim> {
    this.checkId(id);
    const status = String(
      await withRedis('claim approval message', () =>
        this.redis.eval(CLAIM_POST_SCRIPT, 1, this.requestKey(id), this.now()),
      ),
    );
    if (status === 'not_found') throw new ApprovalStateError(`approval request ${id} not found`, 'not_found');
    if (status === 'claimed' || status === 'posted' || status === 'claimed_before') return status;
    throw new RemoteError(`unexpected answer from the claim script: ${status}`);
  }

  /** Gives the claim back after a post that certainly did not happen (the platform refused it), so a retry posts. */
  async releasePost(id: string): Promise<void> {
    this.checkId(id);
    await withRedis('release approval message claim', () => this.redis.hdel(this.requestKey(id), 'postClaim'));
  }

  /** Atomically pending -> approved|denied. Exactly one of N concurrent callers wins; the others learn who did. */
  async decide(id: string, decision: 'approved' | 'denied', who: PrincipalId): Promise<DecideResult> {
    if (!approvalIdSchema.safeParse(id).success) return { ok: false, reason: 'not_found' };
    if (decision !== 'approved' && decision !== 'denied') throw new UsageError(`invalid decision ${String(decision)}`);
    if (!principalIdSchema.safeParse(who).success) throw new UsageError('invalid principal id');
    const reply = await withRedis('decide approval request', () =>
      this.redis.eval(
        DECIDE_SCRIPT,
        2,
        this.requestKey(id),
        this.pendingKey(),
        decision,
        who,
        this.now(),
        this.retainMs,
        id,
      ),
    );
    const [status, flat] = asReply(reply);
    if (status === 'not_found') return { ok: false, reason: 'not_found' };
    const request = fromHash(id, pairsToHash(flat));
    // Decided, or found expired: either way it is no longer pending.
    if (status === 'ok' || status === 'expired') this.onChange();
    if (status === 'ok') return { ok: true, request };
    if (status === 'expired' || status === 'already_decided') return { ok: false, reason: status, request };
    throw new RemoteError(`unexpected answer from the decide script: ${String(status)}`);
  }

  /**
   * Atomic state move for the job: approved -> running -> done|failed (approved -> failed too;
   * running -> running for a resumed job), recording progress, result and operation. A patch
   * without `state` only records. ApprovalStateError when the request is gone or cannot move so.
   */
  async update(id: string, patch: ApprovalPatch): Promise<ApprovalRequest> {
    this.checkId(id);
    const checked = parseOr(patchSchema, patch, (issue) => new UsageError(`invalid approval update: ${issue.message}`));
    const sets: string[] = [];
    const dels: string[] = [];
    for (const field of ['progress', 'result', 'operation'] as const) {
      if (!(field in patch)) continue;
      const value = checked[field];
      if (value === undefined) dels.push(field);
      else sets.push(field, field === 'operation' ? value : clip(value, LIMITS[field]));
    }
    const reply = await withRedis('update approval request', () =>
      this.redis.eval(
        UPDATE_SCRIPT,
        1,
        this.requestKey(id),
        checked.state ?? '',
        this.retainMs,
        sets.length,
        ...sets,
        ...dels,
      ),
    );
    const [status, detail] = asReply(reply);
    if (status === 'not_found') throw new ApprovalStateError(`approval request ${id} not found`, 'not_found');
    if (status === 'refused') {
      const from = z.enum(APPROVAL_STATES).safeParse(detail);
      const shown = from.success ? from.data : 'in an unknown state';
      const to = checked.state ? `move to ${checked.state}` : 'take updates';
      throw new ApprovalStateError(`approval request ${id} is ${shown}: it cannot ${to}`, 'bad_transition', from.data);
    }
    const updated = fromHash(id, pairsToHash(detail));
    if (updated.state === 'done' || updated.state === 'failed') this.onChange();
    return updated;
  }

  /** Requests still waiting for a decision, soonest to expire first (default 20, at most 100). Unreadable records are left out. */
  async listPending(limit = 20): Promise<ApprovalRequest[]> {
    const count = Math.min(100, Math.max(1, Math.trunc(Number.isFinite(limit) ? limit : 20)));
    const now = this.now();
    return withRedis('list pending approval requests', async () => {
      await this.redis.zremrangebyscore(this.pendingKey(), '-inf', String(now));
      const ids = await this.redis.zrange(this.pendingKey(), '0', String(count - 1));
      const pipeline = this.redis.pipeline();
      for (const id of ids) pipeline.hgetall(this.requestKey(id));
      const replies = ids.length > 0 ? ((await pipeline.exec()) ?? []) : [];
      const pending: ApprovalRequest[] = [];
      replies.forEach(([err, hash], i) => {
        const id = ids[i]!;
        if (err || !approvalIdSchema.safeParse(id).success) return;
        try {
          const request = this.asOfNow(fromHash(id, hash as Record<string, string>));
          if (request.state === 'pending') pending.push(request);
        } catch {
          // One bad record must not hide the others; get(id) reports it.
        }
      });
      return pending;
    });
  }

  private asOfNow(request: ApprovalRequest): ApprovalRequest {
    return request.state === 'pending' && this.now() >= request.expiresAt ? { ...request, state: 'expired' } : request;
  }

  private checkId(id: string): void {
    if (!approvalIdSchema.safeParse(id).success)
      throw new ApprovalStateError('no approval request has that id', 'not_found');
  }

  /** What the request's message last showed (a fingerprint of it), as recordShown stored it. */
  async lastShown(id: string): Promise<string | null> {
    this.checkId(id);
    return withRedis('read approval message state', () => this.redis.get(this.shownKey(id)));
  }

  /** Records what the request's message shows now, so an update showing the same is not sent again. */
  async recordShown(id: string, fingerprint: string): Promise<void> {
    this.checkId(id);
    await withRedis('record approval message state', () =>
      this.redis.set(this.shownKey(id), fingerprint, 'PX', this.ttlMs + this.retainMs),
    );
  }

  private shownKey(id: string): string {
    return `${this.prefix}shown:${id}`;
  }

  private originKey(origin: string): string {
    return `${this.prefix}origin:${origin}`;
  }

  private requestKey(id: string): string {
    return `${this.prefix}request:${id}`;
  }

  private pendingKey(): string {
    return `${this.prefix}pending`;
  }
}

/** A script's reply as [status, rest]. */
function asReply(reply: unknown): [string, unknown] {
  if (!Array.isArray(reply) || reply.length === 0)
    throw new RemoteError('unexpected answer from Redis to an approval script');
  return [String(reply[0]), reply[1]];
}

/** Throws the first failed step of a MULTI (exec resolves even when one command failed). */
function failedStep(results: Array<[Error | null, unknown]> | null): void {
  if (results === null) throw new RemoteError('Redis discarded the transaction');
  const failed = results.find(([err]) => err !== null);
  if (failed) throw failed[0];
}
