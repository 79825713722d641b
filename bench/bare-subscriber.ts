/**
 * The storm's baseline, run as its own process like the bot: a subscriber with the bot's flow
 * control that only acks. Prints `acked N` lines; exits when stdin closes.
 * Usage: PUBSUB_EMULATOR_HOST=... node --require tsx/cjs bench/bare-subscriber.ts PROJECT SUBSCRIPTION [STREAMS, default 5]
 */
import { PubSub } from '@google-cloud/pubsub';

const [project, name, streams] = process.argv.slice(2);
const pubsub = new PubSub({ projectId: project });
// The same settings as AlertSubscriber, so the difference is the bot's work, not the client's.
const subscription = pubsub.subscription(name!, {
  flowControl: { maxMessages: 500, maxBytes: 64 * 1024 * 1024, allowExcessMessages: false },
  streamingOptions: { maxStreams: Number(streams ?? 5) },
});
let acked = 0;
subscription.on('message', (m) => {
  m.ack();
  acked += 1;
});
subscription.on('error', (err) => process.stderr.write(`bare subscriber: ${String(err)}\n`));
const report = setInterval(() => process.stdout.write(`acked ${acked}\n`), 100);
process.stdout.write('ready\n');
process.stdin.resume();
process.stdin.on('end', () => {
  clearInterval(report);
  void subscription.close().finally(() => process.exit(0));
});
