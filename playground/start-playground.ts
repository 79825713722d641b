/**
 * The playground's start, loaded by main.ts only after the production guard: Redis (found or
 * started), the simulated cloud, then the real bot in all roles with the web chat and the
 * simulator's routes plugged in.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createWebChat } from '../adapters/web';
import { startBot, type RunningBot } from '../src/app/start-bot';
import { loadBotConfig } from '../src/config';
import { errorMessage } from '../src/errors';
import { createLogger } from '../src/logging/logger';
import { playgroundBotEnv } from './bot-env';
import { REFUSED_EXIT_CODE } from './guard';
import { findOnPath, redisPlan } from './redis-plan';
import { type LocalRedis, pingRedis, startRedisServer } from './redis-server';
import { createSimPlugin } from './sim/sim-plugin';
import { startSimulatedCloud, type SimulatedCloud } from './sim/start-sim';
import { deletePrefixedKeys } from '../src/queue/delete-prefixed-keys';

/** A started playground. */
export interface Playground {
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** Thrown when the playground cannot start for a reason the user fixes (no Redis): exit 2, one message. */
export class PlaygroundRefusal extends Error {}

/** Starts everything; `env` is the shell's (REDIS_URL, PORT, LOG_LEVEL are read from it). */
export async function startPlayground(env: NodeJS.ProcessEnv): Promise<Playground> {
  const plan = redisPlan(env, findOnPath('redis-server', env.PATH));
  if (plan.kind === 'missing') throw new PlaygroundRefusal(plan.message);
  let redis: LocalRedis | undefined;
  let cloud: SimulatedCloud | undefined;
  let bot: RunningBot | undefined;
  const sim = { stop: async () => undefined } as { stop(): Promise<void> };
  // Per run: messages live in the web chat's memory, so alerts or requests of an earlier run (whose
  // messages are gone) must not be met again; the run's keys are removed when it stops.
  const redisPrefix = `playground-${randomBytes(4).toString('hex')}`;
  let redisUrl: string | undefined;
  const stop = async () => {
    await sim.stop();
    await bot?.stop();
    await cloud?.close();
    if (redisUrl) await deleteRunKeys(redisUrl, redisPrefix).catch(() => undefined);
    await redis?.stop();
  };
  try {
    if (plan.kind === 'url') {
      await pingRedis(plan.url).catch((err) => {
        throw new PlaygroundRefusal(
          `imagestream playground: REDIS_URL ${plan.url} does not answer PING: ${errorMessage(err)}`,
        );
      });
    } else redis = await startRedisServer(plan.binary);
    redisUrl = plan.kind === 'url' ? plan.url : redis!.url;

    cloud = await startSimulatedCloud();
    const simPlugin = createSimPlugin(cloud);
    sim.stop = simPlugin.stop;
    const webChat = createWebChat();
    const config = loadBotConfig(
      playgroundBotEnv({
        cloud: cloud.env,
        redisUrl,
        redisPrefix,
        port: env.PORT ? Number(env.PORT) : 3000,
        ...(env.LOG_LEVEL ? { logLevel: env.LOG_LEVEL } : {}),
      }),
      { pluggedPlatform: true },
    );
    const logger = createLogger({ level: config.LOG_LEVEL });
    bot = await startBot(config, logger, {
      plugins: [webChat.plugin, simPlugin.plugin],
      // The simulator's operations last seconds: follow them closely, not at production's 30 s.
      applyOptions: { maxDelayMs: 1500 },
    });
    const port = bot.port ?? config.PORT;
    return { port, url: `http://localhost:${port}/playground`, stop };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}

export { REFUSED_EXIT_CODE };

/** Removes one run's keys (SCAN, never FLUSHALL: REDIS_URL may be a Redis other things use). */
async function deleteRunKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    await deletePrefixedKeys(redis, `${prefix}:`);
  } finally {
    redis.disconnect();
  }
}
