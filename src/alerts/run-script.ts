import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

const shas = new Map<string, string>();

/**
 * Runs a Lua script by its SHA1 (EVALSHA), so its text crosses the wire only when Redis does not
 * know it yet (NOSCRIPT: after a restart or SCRIPT FLUSH, then EVAL loads it). The alert scripts are
 * kilobytes long and run once per batch of entries: sending the text each time was the bot's largest
 * single CPU cost in a storm (BENCHMARKS.md).
 */
export async function runScript(redis: Redis, script: string, numKeys: number, args: Array<string | number>) {
  let sha = shas.get(script);
  if (sha === undefined) {
    sha = createHash('sha1').update(script).digest('hex');
    shas.set(script, sha);
  }
  try {
    return await redis.evalsha(sha, numKeys, ...args);
  } catch (err) {
    if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
    return redis.eval(script, numKeys, ...args);
  }
}
