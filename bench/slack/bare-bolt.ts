/**
 * The ack bench's baselines, each run as its own process like the bot: a bare Bolt app over HTTP
 * whose slash command handler only acks or, given a Redis prefix, first adds one BullMQ job (the
 * one Redis round trip the bot makes before a queued command's ack). Prints `port N`; exits when
 * stdin closes.
 * Usage: node --require tsx/cjs bench/bare-bolt.ts SIGNING_SECRET BOT_TOKEN SLACK_API_URL [REDIS_PREFIX]
 */
import { App } from '@slack/bolt';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

async function main(): Promise<void> {
  const [signingSecret, token, slackApiUrl, redisPrefix] = process.argv.slice(2);
  const app = new App({ signingSecret, token, clientOptions: { slackApiUrl } });
  if (redisPrefix) {
    const queue = new Queue('jobs', { connection: new Redis({ maxRetriesPerRequest: 1 }), prefix: redisPrefix });
    app.command('/imagestream', async ({ ack, command }) => {
      await queue.add('status', { text: command.text, user: command.user_id }, { removeOnComplete: true });
      await ack();
    });
  } else app.command('/imagestream', async ({ ack }) => ack());
  const server = (await app.start(0)) as Server;
  process.stdout.write(`port ${(server.address() as AddressInfo).port}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void app.stop().finally(() => process.exit(0)));
}

main().catch((err) => {
  process.stderr.write(`bare bolt: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
