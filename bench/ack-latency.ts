/**
 * Slash command ack latency: signed requests, BENCH_ACK_IN_FLIGHT at a time, to the real bot (web
 * role: Bolt over HTTP, validation, BullMQ enqueue in Redis) vs. a bare Bolt app whose handler only
 * acks. Each server runs in its own process, the client in a worker thread of this one; both are measured in the
 * same run, in alternating rounds (bot, bare, bot, bare...) so a noisy neighbour hits both alike.
 * One JSON line per command.
 */
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startGkeFake } from '../test/fakes/gke-api';
import { FAKE_SLACK_TOKEN, startFakeSlack } from '../test/fakes/slack-api';
import { loadGkeCluster, SHOP } from '../test/gke/gke-test-setup';
import { SIGNING_SECRET, botEnv, deleteKeys } from '../test/support/bot-harness';
import { spawnBot } from '../test/support/bot-process';
import { startLoadGenerator } from './load-generator';
import { type BaselineProcess, spawnBaseline } from './spawn-baseline';
import { round2, summarize } from './stats';

const N = Number(process.env.BENCH_N ?? 1000);
const IN_FLIGHT = Number(process.env.BENCH_ACK_IN_FLIGHT ?? 50);
const ROUNDS = 4;

const ratio = (a: number, b: number) => round2(a / b);

/** The bare Bolt baseline in its own process; resolves with its port and a stop. */
function spawnBareBolt(slackApiUrl: string, redisPrefix?: string): Promise<BaselineProcess> {
  const args = [SIGNING_SECRET, FAKE_SLACK_TOKEN, slackApiUrl, ...(redisPrefix ? [redisPrefix] : [])];
  return spawnBaseline(path.join(__dirname, 'slack', 'bare-bolt.ts'), args);
}

export async function benchAckLatency(): Promise<void> {
  // Each server in its own process (the built bot, as `npm start` runs it, web role): neither's
  // garbage collection or JIT lands in the other's timings. Queued jobs stay in Redis (no worker)
  // and go with the bot's keys.
  const slack = await startFakeSlack();
  const gke = await startGkeFake();
  gke.addCluster(SHOP, loadGkeCluster('standard'));
  const prefix = `bench-ack-${randomBytes(4).toString('hex')}`;
  const bot = await spawnBot(botEnv(slack, gke, { IMAGESTREAM_ROLE: 'web', IMAGESTREAM_REDIS_PREFIX: prefix }));
  const listening = await bot.waitForLog((l) => l.message === 'slack endpoint listening on /slack/events');
  const botPort = Number(listening.port);
  const bare = await spawnBareBolt(slack.apiUrl);
  const barePort = bare.port;
  // The second baseline makes the Redis round trip a queued command needs: what the bot adds beyond it is its own code.
  const bareQueued = await spawnBareBolt(slack.apiUrl, `${prefix}-bare`);
  const load = startLoadGenerator();
  // Port 9: nothing listens, and the web role never posts to it (no worker runs).
  const timeAcks = async (port: number, text: string, count: number, tag: string) =>
    (
      await load.run({
        port,
        texts: [text],
        count,
        inFlight: IN_FLIGHT,
        responseUrlPrefix: 'http://127.0.0.1:9/response/',
        tag,
      })
    ).ackMs;
  try {
    // Warm-up: auth.test, the JIT, keep-alive sockets.
    await timeAcks(botPort, 'help', 100, 'w');
    await timeAcks(barePort, 'help', 100, 'w');
    await timeAcks(bareQueued.port, 'help', 100, 'w');
    for (const [label, text, queued] of [
      ['help (answered in the ack)', 'help', false],
      ['status (validated and queued in Redis before the ack)', 'status shop', true],
    ] as const) {
      const bot: number[] = [];
      const base: number[] = [];
      const baseQueued: number[] = [];
      const perRound = Math.ceil(N / ROUNDS);
      for (let r = 0; r < ROUNDS; r++) {
        bot.push(...(await timeAcks(botPort, text, perRound, `b${r}-`)));
        base.push(...(await timeAcks(barePort, text, perRound, `a${r}-`)));
        if (queued) baseQueued.push(...(await timeAcks(bareQueued.port, text, perRound, `q${r}-`)));
      }
      const botStats = summarize(bot);
      const bareStats = summarize(base);
      const queuedStats = queued ? summarize(baseQueued) : undefined;
      console.log(
        JSON.stringify({
          bench: 'slash-command-ack',
          case: label,
          unit: 'ms',
          inFlight: IN_FLIGHT,
          bot: botStats,
          bareBolt: bareStats,
          ratioP50: ratio(botStats.p50, bareStats.p50),
          ratioP99: ratio(botStats.p99, bareStats.p99),
          ...(queuedStats
            ? {
                bareBoltWithEnqueue: queuedStats,
                ratioP50VsEnqueue: ratio(botStats.p50, queuedStats.p50),
                ratioP99VsEnqueue: ratio(botStats.p99, queuedStats.p99),
              }
            : {}),
          targets: {
            botP99Under100ms: botStats.p99 < 100,
            ratioP50Under1_5: ratio(botStats.p50, bareStats.p50) < 1.5,
            ratioP99Under1_5: ratio(botStats.p99, bareStats.p99) < 1.5,
          },
        }),
      );
    }
  } finally {
    await load.close();
    await bare.stop();
    await bareQueued.stop();
    await bot.stop();
    await deleteKeys(prefix);
    await deleteKeys(`${prefix}-bare`);
    await slack.close();
    await gke.close();
  }
}
