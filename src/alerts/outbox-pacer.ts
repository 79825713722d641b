import type { Redis } from 'ioredis';
import { z } from 'zod';

// Pacing lives in Redis key TTLs, so every replica shares it and no clocks are compared: a key
// that exists means "not yet"; its PTTL is how long to wait.
// KEYS: the slots, then the hold key if there is one.
// ARGV: each slot's interval; with a hold, three more: its owner, its longest life, the poll interval.
const ACQUIRE = `
local slots = #KEYS
local hold = nil
if ARGV[#KEYS + 1] ~= nil then
  slots = #KEYS - 1
  hold = KEYS[#KEYS]
end
local wait = 0
for i = 1, slots do
  local ttl = redis.call('PTTL', KEYS[i])
  -- -1: a key without expiry (never written so): wait one interval rather than for ever.
  if ttl == -1 then ttl = tonumber(ARGV[i]) end
  if ttl > wait then wait = ttl end
end
if hold then
  -- A hold ends when its owner releases it, usually long before its TTL: check back soon.
  local ttl = redis.call('PTTL', hold)
  local poll = tonumber(ARGV[slots + 3])
  if ttl == -1 or ttl > poll then ttl = poll end
  if ttl > wait then wait = ttl end
end
if wait > 0 then return wait end
for i = 1, slots do
  redis.call('SET', KEYS[i], '1', 'PX', ARGV[i])
end
if hold then redis.call('SET', hold, ARGV[slots + 1], 'PX', ARGV[slots + 2]) end
return 0
`;

// Ends a hold, only if it is still this owner's (an expired hold may have been taken since).
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0
`;

// Extends a pause (a 429's Retry-After) without ever shortening a longer one.
const PAUSE = `
local ttl = redis.call('PTTL', KEYS[1])
if ttl < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end
return 0
`;

const waitSchema = z.number().int().nonnegative();
const ms = (n: number): string => String(Math.max(1, Math.ceil(n)));

/** One pacing slot: the key and how long it stays taken once acquired. */
export interface PaceSlot {
  key: string;
  intervalMs: number;
}

/**
 * Exclusive use of something until its owner releases it (or `maxMs` passes, if the owner died):
 * while it is held, acquireSlots answers "wait" for at most `pollMs` at a time.
 */
export interface PaceHold {
  key: string;
  owner: string;
  maxMs: number;
  pollMs: number;
}

/**
 * Atomically takes every slot (and the hold, if given), or none: answers 0 when taken, else the
 * ms to wait before trying again.
 */
export async function acquireSlots(redis: Redis, slots: PaceSlot[], hold?: PaceHold): Promise<number> {
  const keys = slots.map((s) => s.key);
  const args = slots.map((s) => ms(s.intervalMs));
  if (hold) {
    keys.push(hold.key);
    args.push(hold.owner, ms(hold.maxMs), ms(hold.pollMs));
  }
  const answer = await redis.eval(ACQUIRE, keys.length, ...keys, ...args);
  const parsed = waitSchema.safeParse(answer);
  // An answer we cannot read is treated as "wait one interval", never as permission.
  return parsed.success ? parsed.data : Math.max(1, ...slots.map((s) => s.intervalMs));
}

/** Releases a hold taken by acquireSlots, if `owner` still has it. */
export async function releaseHold(redis: Redis, key: string, owner: string): Promise<void> {
  await redis.eval(RELEASE, 1, key, owner);
}

/** Keeps a slot taken for at least `ms` (the platform's Retry-After). */
export async function pauseSlot(redis: Redis, key: string, waitMs: number): Promise<void> {
  await redis.eval(PAUSE, 1, key, ms(waitMs));
}
