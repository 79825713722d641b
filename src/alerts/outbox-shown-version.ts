import type { Redis } from 'ioredis';
import { z } from 'zod';

// Only ever raised: a slow update that finishes late must not make an older version look shown.
const RAISE = `
local current = tonumber(redis.call('GET', KEYS[1]) or '-1') or -1
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
return 0
`;

const SHOWN_TTL_MS = 7 * 24 * 3600_000;
const versionSchema = z.coerce.number().int();

/** The highest alert version the chat shows, or -1 when none is recorded (or the record is unreadable). */
export async function readShownVersion(redis: Redis, key: string): Promise<number> {
  const raw = await redis.get(key);
  if (raw === null) return -1;
  const parsed = versionSchema.safeParse(raw);
  return parsed.success ? parsed.data : -1;
}

/** Records that the chat now shows `version` (kept a week: long after an alert's window). */
export async function raiseShownVersion(redis: Redis, key: string, version: number): Promise<void> {
  await redis.eval(RAISE, 1, key, String(version), String(SHOWN_TTL_MS));
}
