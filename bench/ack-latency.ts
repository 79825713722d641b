/**
 * Slash command ack latency: signed requests to the real bot (Bolt over HTTP, Redis, BullMQ) vs. a
 * bare Bolt app whose handler only acks, measured in the same run. Prints one JSON line per case.
 */
import { App } from '@slack/bolt';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startHarness } from '../test/support/bot-harness';
import { SIGNING_SECRET } from '../test/support/bot-harness';
import { signSlackRequest, slashCommandBody } from '../test/support/slack-sign';
import { FAKE_SLACK_TOKEN } from '../test/fakes/slack-api';
import { summarize } from './stats';

const N = Number(process.env.BENCH_N ?? 100);

async function timeAcks(port: number, text: string, n: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const body = slashCommandBody({ text, response_url: `http://127.0.0.1:9/response/b${i}` });
    const started = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(SIGNING_SECRET, body) },
      body,
    });
    await res.text();
    if (res.status !== 200) throw new Error(`ack ${res.status}`);
    samples.push(performance.now() - started);
  }
  return samples;
}

export async function benchAckLatency(): Promise<void> {
  const h = await startHarness({ IMAGESTREAM_ROLE: 'web' });
  const bare = new App({
    signingSecret: SIGNING_SECRET,
    token: FAKE_SLACK_TOKEN,
    clientOptions: { slackApiUrl: h.slack.apiUrl },
  });
  bare.command('/imagestream', async ({ ack }) => ack());
  const bareServer = (await bare.start(0)) as Server;
  const barePort = (bareServer.address() as AddressInfo).port;
  try {
    await timeAcks(h.bot.port!, 'help', 20); // warm-up: auth.test, JIT
    await timeAcks(barePort, 'help', 20);
    for (const [label, text] of [
      ['help (answered in the ack)', 'help'],
      ['status (validated and queued before the ack)', 'status shop'],
    ] as const) {
      const bot = summarize(await timeAcks(h.bot.port!, text, N));
      const base = summarize(await timeAcks(barePort, text, N));
      console.log(
        JSON.stringify({
          bench: 'slash-command-ack',
          case: label,
          unit: 'ms',
          bot,
          bareBolt: base,
          ratioP50: Math.round((bot.p50 / base.p50) * 100) / 100,
          ratioP99: Math.round((bot.p99 / base.p99) * 100) / 100,
        }),
      );
    }
  } finally {
    await bare.stop();
    await h.stop();
  }
}
