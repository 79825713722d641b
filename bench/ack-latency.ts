/**
 * Slash command ack latency: signed requests, BENCH_ACK_IN_FLIGHT at a time, to the real bot (web
 * role: Bolt over HTTP, validation, BullMQ enqueue in Redis) vs. a bare Bolt app whose handler only
 * acks. Both servers run in this process, the client in a worker thread; both are measured in the
 * same run, in alternating rounds (bot, bare, bot, bare...) so a noisy neighbour hits both alike.
 * One JSON line per command.
 */
import { App } from '@slack/bolt';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNING_SECRET, startHarness } from '../test/support/bot-harness';
import { FAKE_SLACK_TOKEN } from '../test/fakes/slack-api';
import { startLoadGenerator } from './load-generator';
import { summarize } from './stats';

const N = Number(process.env.BENCH_N ?? 1000);
const IN_FLIGHT = Number(process.env.BENCH_ACK_IN_FLIGHT ?? 50);
const ROUNDS = 4;

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

export async function benchAckLatency(): Promise<void> {
  // Web role: the ack path alone; queued jobs stay in Redis and go with the harness's keys.
  const h = await startHarness({ IMAGESTREAM_ROLE: 'web' });
  const bare = new App({
    signingSecret: SIGNING_SECRET,
    token: FAKE_SLACK_TOKEN,
    clientOptions: { slackApiUrl: h.slack.apiUrl },
  });
  bare.command('/imagestream', async ({ ack }) => ack());
  const bareServer = (await bare.start(0)) as Server;
  const barePort = (bareServer.address() as AddressInfo).port;
  const botPort = h.bot.port!;
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
    for (const [label, text] of [
      ['help (answered in the ack)', 'help'],
      ['status (validated and queued in Redis before the ack)', 'status shop'],
    ] as const) {
      const bot: number[] = [];
      const base: number[] = [];
      const perRound = Math.ceil(N / ROUNDS);
      for (let r = 0; r < ROUNDS; r++) {
        bot.push(...(await timeAcks(botPort, text, perRound, `b${r}-`)));
        base.push(...(await timeAcks(barePort, text, perRound, `a${r}-`)));
      }
      const botStats = summarize(bot);
      const bareStats = summarize(base);
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
    await h.stop();
  }
}
