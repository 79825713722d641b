import type { Redis } from 'ioredis';
import { errorMessage } from '../errors';
import type { Logger } from '../logging/logger';
import { withTimeout } from '../with-timeout';

/** What the bot can see of the Redis settings its data's survival depends on. */
export interface RedisDurability {
  /** `config`: CONFIG GET answered; `info`: CONFIG was refused (Memorystore), read from INFO instead. */
  source: 'config' | 'info';
  appendonly: boolean;
  /** The RDB snapshot schedule (`save`, '' = none); INFO does not show it. */
  save?: string;
  maxmemoryPolicy: string;
}

/** One thing to say about the settings: a warning when data will be lost, else a note. */
export interface DurabilityFinding {
  level: 'warn' | 'info';
  setting: 'persistence' | 'maxmemory-policy';
  value: string;
  message: string;
}

/**
 * What is wrong with `d` for the bot's data (approvals, queued jobs, alerts, the audit trail). Without
 * persistence a Redis restart loses what was acked (60 of 200 commands in the fault test); any
 * eviction policy but noeviction drops BullMQ's keys under memory pressure (BullMQ requires it).
 */
export function durabilityFindings(d: RedisDurability): DurabilityFinding[] {
  const findings: DurabilityFinding[] = [];
  if (!d.appendonly) {
    if (d.save === '')
      findings.push({
        level: 'warn',
        setting: 'persistence',
        value: 'appendonly no, save ""',
        message:
          'redis persistence is off: a Redis restart loses queued jobs, pending approvals and the audit trail; turn on AOF (appendonly yes)',
      });
    else if (d.save !== undefined)
      findings.push({
        level: 'info',
        setting: 'persistence',
        value: `appendonly no, save "${d.save}"`,
        message: 'redis persists by RDB snapshots only: a Redis restart loses what was written since the last one',
      });
    else
      findings.push({
        level: 'info',
        setting: 'persistence',
        value: 'aof_enabled:0',
        message: 'redis AOF is off and its RDB snapshot schedule cannot be read: make sure snapshots are on',
      });
  }
  if (d.maxmemoryPolicy !== 'noeviction')
    findings.push({
      level: 'warn',
      setting: 'maxmemory-policy',
      value: d.maxmemoryPolicy,
      message: `redis maxmemory-policy is ${d.maxmemoryPolicy}, not noeviction: under memory pressure Redis may drop queued jobs and approvals`,
    });
  return findings;
}

/** Reads the settings with CONFIG GET; where CONFIG is refused, from INFO (which Memorystore allows). */
export async function readRedisDurability(
  redis: Redis,
): Promise<{ durability: RedisDurability; configError?: string }> {
  try {
    const get = async (name: string) => ((await redis.config('GET', name)) as string[])[1] ?? '';
    const [appendonly, save, maxmemoryPolicy] = await Promise.all([
      get('appendonly'),
      get('save'),
      get('maxmemory-policy'),
    ]);
    return { durability: { source: 'config', appendonly: appendonly === 'yes', save, maxmemoryPolicy } };
  } catch (err) {
    const info = `${await redis.info('persistence')}\n${await redis.info('memory')}`;
    const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim() ?? '';
    return {
      durability: {
        source: 'info',
        appendonly: field('aof_enabled') === '1',
        maxmemoryPolicy: field('maxmemory_policy'),
      },
      configError: errorMessage(err),
    };
  }
}

const CHECK_TIMEOUT_MS = 2000;

/**
 * At start: one log line per setting that puts the bot's data at risk. It never stops the start:
 * the operator may know better (a throwaway Redis), and a Redis that does not answer is told apart.
 */
export async function checkRedisDurability(redis: Redis, logger: Logger): Promise<void> {
  let read;
  try {
    read = await withTimeout(readRedisDurability(redis), CHECK_TIMEOUT_MS);
  } catch (err) {
    logger.info({ err: errorMessage(err) }, 'could not read the redis persistence and eviction settings');
    return;
  }
  if (read.configError)
    logger.info(
      { err: read.configError },
      'could not read the redis settings with CONFIG GET (Memorystore refuses it); read INFO instead',
    );
  for (const { level, setting, value, message } of durabilityFindings(read.durability))
    logger[level]({ setting, value }, message);
}
