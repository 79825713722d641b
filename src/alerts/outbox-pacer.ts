import type { Redis } from 'ioredis';
import { z } from 'zod';

// Pacing lives in Redis key TTLs, so every replica shares it and no clocks are compared: a key
// that exists means "not yet"; its PTTL is how long to wait.
const ACQUIRE = `
local wait = 0
for i, key in ipairs(KEYS) do
  local ttl = redis.call('PTTL', key)
  -- -1: a key without expiry (never written so): wait one interval rather than for ever.
  if ttl == -1 then ttl = tonumber(ARGV[i]) end
  if ttl > wait then wait = ttl end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  redis.call('SET', key, '1', 'PX', ARGV[i])
end
return 0
`;

// Extends a pause (a 429's Retry-After) without ever shortening a longer one.
const PAUSE = `
local ttl = redis.call('PTTL', KEYS[1])
if ttl < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end
return 0
`;

const waitSchema = z.number().int().nonnegative();

/** One pacing slot: the key and how long it stays taken once acquired. */
export interface PaceSlot {
  key: string;
  intervalMs: number;
}

/** Atomically takes every slot, or none: answers 0 when taken, else the ms to wait before trying again. */
export async function acquireSlots(redis: Redis, slots: PaceSlot[]): Promise<number> {
  const answer = await redis.eval(
    ACQUIRE,
    slots.length,
    ...slots.map((s) => s.key),
    ...slots.map((s) => String(Math.max(1, Math.ceil(s.intervalMs)))),
  );
  const parsed = waitSchema.safeParse(answer);
  // An answer we cannot read is treated as "wait one interval", never as permission.
  return parsed.success ? parsed.data : Math.max(1, ...slots.map((s) => s.intervalMs));
}

/** Keeps a slot taken for at least `ms` (Slack's Retry-After). */
export async function pauseSlot(redis: Redis, key: string, ms: number): Promise<void> {
  await redis.eval(PAUSE, 1, key, String(Math.max(1, Math.ceil(ms))));
}
