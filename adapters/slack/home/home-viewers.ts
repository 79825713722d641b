import type { Redis } from 'ioredis';
import { z } from 'zod';
import { withRedis } from '../../../src/approvals/with-redis';
import { UsageError } from '../../../src/errors';
import { slackUserIdSchema } from '../slack-ids';

/**
 * A page a user may ask for, as a button value (whatever a client sends) or Redis holds it: digits
 * only, 0 to 999.
 */
export const homePageSchema = z
  .string()
  .regex(/^\d{1,3}$/)
  .transform(Number);

/** Options of HomeViewers. */
export interface HomeViewersOptions {
  /** Prefix of every key, e.g. `imagestream:home:`. */
  keyPrefix: string;
  /** How long after their last open a user's Home still follows state changes; default 7 days. */
  retainMs?: number;
  now?: () => number;
}

const DAY = 24 * 3_600_000;

/**
 * Who opened the App Home recently (a sorted set by time of the last open) and which page each
 * one is on, in Redis so every replica's refreshes agree. Only these users get a refresh when
 * state changes: publishing to everyone in the workspace would cost a Slack call per person.
 */
export class HomeViewers {
  private readonly prefix: string;
  private readonly retainMs: number;
  private readonly now: () => number;

  constructor(
    private readonly redis: Redis,
    options: HomeViewersOptions,
  ) {
    this.prefix = options.keyPrefix;
    this.retainMs = options.retainMs ?? 7 * DAY;
    this.now = options.now ?? Date.now;
  }

  /** Records an open of the Home now (and forgets users who have not opened it within retainMs). */
  async opened(userId: string): Promise<void> {
    const user = checkUser(userId);
    const now = this.now();
    await withRedis('record a Home open', () =>
      this.redis
        .multi()
        .zadd(this.viewersKey(), now, user)
        .zremrangebyscore(this.viewersKey(), '-inf', String(now - this.retainMs))
        .exec(),
    );
  }

  /** Users who opened the Home within retainMs, most recent first (at most `limit`). */
  async recent(limit = 500): Promise<string[]> {
    const since = this.now() - this.retainMs;
    return withRedis('list Home viewers', () =>
      this.redis.zrevrangebyscore(this.viewersKey(), '+inf', String(since), 'LIMIT', 0, limit),
    );
  }

  /** Remembers the page the user asked for; later refreshes (state changes) keep showing it. */
  async setPage(userId: string, page: number): Promise<void> {
    const user = checkUser(userId);
    const parsed = homePageSchema.safeParse(String(page));
    if (!parsed.success) throw new UsageError('a Home page is a whole number from 0 to 999');
    await withRedis('record a Home page', () =>
      this.redis.set(this.pageKey(user), String(parsed.data), 'PX', this.retainMs),
    );
  }

  /** The page the user is on; 0 when none was chosen (or what is stored is not a page). */
  async pageOf(userId: string): Promise<number> {
    const user = checkUser(userId);
    const stored = await withRedis('read a Home page', () => this.redis.get(this.pageKey(user)));
    const parsed = homePageSchema.safeParse(stored ?? '0');
    return parsed.success ? parsed.data : 0;
  }

  private viewersKey(): string {
    return `${this.prefix}viewers`;
  }

  private pageKey(user: string): string {
    return `${this.prefix}page:${user}`;
  }
}

// Slack user ids are the only thing that becomes a key here.
function checkUser(userId: string): string {
  const parsed = slackUserIdSchema.safeParse(userId);
  if (!parsed.success) throw new UsageError('not a Slack user id');
  return parsed.data;
}
