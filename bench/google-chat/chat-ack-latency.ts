/**
 * Google Chat ack latency: interaction events (slash commands) with a signed bearer token,
 * BENCH_ACK_IN_FLIGHT at a time, to the real bot over HTTP (the built bot as its own process, web
 * role, Google Chat only: token verification against the certificate fake, the event's zod parse,
 * the core's command runner, and for `status` a BullMQ enqueue in Redis) vs. a bare node:http
 * handler in its own process that verifies the same token with the same google-auth-library call
 * and answers `{}` (bench/google-chat/bare-handler.ts); for `status`, a second baseline whose
 * handler also makes the same BullMQ add. Alternating rounds, the client in a worker thread, as in
 * bench/ack-latency.ts. One JSON line per command, then one with the token verification alone.
 */
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startGkeFake } from '../../test/fakes/gke-api';
import { startFakeSlack } from '../../test/fakes/slack-api';
import { loadGkeCluster, SHOP } from '../../test/gke/gke-test-setup';
import { botEnv, deleteKeys } from '../../test/support/bot-harness';
import { spawnBot } from '../../test/support/bot-process';
import { startChatRig } from '../../test/support/google-chat-rig';
import { TEST_PROJECT_NUMBER, chatJwtClaims, signToken } from '../../test/support/google-chat-sign';
import { startLoadGenerator } from '../load-generator';
import { type BaselineProcess, spawnBaseline } from '../spawn-baseline';
import { round2, summarize } from '../stats';
import { benchTokenVerifyCost } from './token-verify-cost';

const N = Number(process.env.BENCH_N ?? 1000);
const IN_FLIGHT = Number(process.env.BENCH_ACK_IN_FLIGHT ?? 50);
const ROUNDS = 4;

const ratio = (a: number, b: number) => round2(a / b);

/** The bot's environment for Google Chat alone: the test environment without Slack's keys. */
function chatOnlyEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL, SLACK_RESPONSE_URL_PREFIX, ...rest } = env;
  return rest;
}

/** Requests per second over a batch: its count over the time from the first send to the last answer. */
function requestsPerSecond(batches: Array<{ ackMs: number[]; sentAt: number[] }>): number {
  let count = 0;
  let seconds = 0;
  for (const { ackMs, sentAt } of batches) {
    const first = Math.min(...sentAt);
    const last = Math.max(...sentAt.map((t, i) => t + ackMs[i]!));
    count += sentAt.length;
    seconds += (last - first) / 1000;
  }
  return Math.round(count / seconds);
}

export async function benchChatAckLatency(): Promise<void> {
  const rig = await startChatRig();
  // Slack's fake only because botEnv names it; the bot below serves Google Chat alone.
  const slack = await startFakeSlack();
  const gke = await startGkeFake();
  gke.addCluster(SHOP, loadGkeCluster('standard'));
  const prefix = `bench-chatack-${randomBytes(4).toString('hex')}`;
  const bot = await spawnBot(
    chatOnlyEnv(botEnv(slack, gke, { ...rig.env, IMAGESTREAM_ROLE: 'web', IMAGESTREAM_REDIS_PREFIX: prefix })),
  );
  const listening = await bot.waitForLog((l) => l.message === 'google chat endpoint listening on /google-chat/events');
  const botPort = Number(listening.port);
  const bareFile = path.join(__dirname, 'bare-handler.ts');
  const bare: BaselineProcess = await spawnBaseline(bareFile, [rig.certs.url, TEST_PROJECT_NUMBER]);
  const bareQueued: BaselineProcess = await spawnBaseline(bareFile, [
    rig.certs.url,
    TEST_PROJECT_NUMBER,
    `${prefix}-bare`,
  ]);
  const load = startLoadGenerator();
  // One token for the run, as one would be for a burst: every request still verifies it in full.
  const chatToken = signToken(rig.key, chatJwtClaims());
  const time = (port: number, text: string, count: number) =>
    load.run({ port, texts: [text], count, inFlight: IN_FLIGHT, responseUrlPrefix: '', tag: '', chatToken });
  try {
    // Warm-up: the certificate fetch, the JIT, keep-alive sockets.
    for (const port of [botPort, bare.port, bareQueued.port]) await time(port, 'help', 100);
    for (const [label, text, queued] of [
      ['help (a card in the synchronous answer)', 'help', false],
      ['status (validated and queued in Redis before the answer)', 'status shop', true],
    ] as const) {
      const bot: Array<{ ackMs: number[]; sentAt: number[] }> = [];
      const base: typeof bot = [];
      const baseQueued: typeof bot = [];
      const perRound = Math.ceil(N / ROUNDS);
      for (let r = 0; r < ROUNDS; r++) {
        bot.push(await time(botPort, text, perRound));
        base.push(await time(bare.port, text, perRound));
        if (queued) baseQueued.push(await time(bareQueued.port, text, perRound));
      }
      const stats = (batches: typeof bot) => ({
        ...summarize(batches.flatMap((b) => b.ackMs)),
        requestsPerSecond: requestsPerSecond(batches),
      });
      const botStats = stats(bot);
      const bareStats = stats(base);
      const queuedStats = queued ? stats(baseQueued) : undefined;
      console.log(
        JSON.stringify({
          bench: 'google-chat-ack',
          case: label,
          unit: 'ms',
          inFlight: IN_FLIGHT,
          bot: botStats,
          bareHandler: bareStats,
          ratioP50: ratio(botStats.p50, bareStats.p50),
          ratioP99: ratio(botStats.p99, bareStats.p99),
          ...(queuedStats
            ? {
                bareHandlerWithEnqueue: queuedStats,
                ratioP50VsEnqueue: ratio(botStats.p50, queuedStats.p50),
                ratioP99VsEnqueue: ratio(botStats.p99, queuedStats.p99),
              }
            : {}),
          certificateFetches: rig.certs.requests,
        }),
      );
    }
    await benchTokenVerifyCost(rig.key);
  } finally {
    await load.close();
    await bare.stop();
    await bareQueued.stop();
    await bot.stop();
    await deleteKeys(prefix);
    await deleteKeys(`${prefix}-bare`);
    await Promise.all([rig.close(), slack.close(), gke.close()]);
  }
}
