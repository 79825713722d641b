/**
 * The ack bench's baseline, run as its own process like the bot: a bare Bolt app over HTTP whose
 * slash command handler only acks. Prints `port N`; exits when stdin closes.
 * Usage: node --require tsx/cjs bench/bare-bolt.ts SIGNING_SECRET BOT_TOKEN SLACK_API_URL
 */
import { App } from '@slack/bolt';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

async function main(): Promise<void> {
  const [signingSecret, token, slackApiUrl] = process.argv.slice(2);
  const app = new App({ signingSecret, token, clientOptions: { slackApiUrl } });
  app.command('/imagestream', async ({ ack }) => ack());
  const server = (await app.start(0)) as Server;
  process.stdout.write(`port ${(server.address() as AddressInfo).port}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void app.stop().finally(() => process.exit(0)));
}

main().catch((err) => {
  process.stderr.write(`bare bolt: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
