/**
 * Alert storm: 10,000 gcfsd entries of one quota problem published to pstest, read by the bot's
 * subscriber (classify, dedup and group in Redis, outbox to the Slack fake); and the same number read
 * by a bare subscriber that only acks, on the same server, for the baseline. One JSON line.
 */
import { PubSub } from '@google-cloud/pubsub';
import { sinkEntry } from '../test/alerts/sink-entries';
import { Harness, startHarness } from '../test/support/bot-harness';
import { startPstest } from '../test/support/pstest';

const N = Number(process.env.BENCH_STORM ?? 10_000);

async function publishStorm(pubsub: PubSub, topicName: string, tag: string): Promise<void> {
  const topic = pubsub.topic(topicName, { batching: { maxMessages: 1000, maxMilliseconds: 10 } });
  const sends: Array<Promise<string>> = [];
  for (let i = 0; i < N; i++) {
    const entry = sinkEntry('quota-exceeded', { insertId: `${tag}-${i}`, node: `gke-prod-east-pool-1-abcd-${i % 13}` });
    sends.push(topic.publishMessage({ data: Buffer.from(JSON.stringify(entry)) }));
  }
  await Promise.all(sends);
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('storm bench timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function benchAlertStorm(): Promise<void> {
  const pstest = await startPstest();
  process.env.PUBSUB_EMULATOR_HOST = pstest.host;
  const pubsub = new PubSub({ projectId: 'bench-project' });
  let h: Harness | undefined;
  try {
    // Baseline: a subscriber that only acks.
    const [bareTopic] = await pubsub.createTopic('bench-bare');
    await bareTopic.createSubscription('bench-bare-sub', { ackDeadlineSeconds: 60 });
    let acked = 0;
    const bare = pubsub.subscription('bench-bare-sub', {
      flowControl: { maxMessages: 500, allowExcessMessages: false },
    });
    bare.on('message', (m) => {
      m.ack();
      acked += 1;
    });
    await publishStorm(pubsub, 'bench-bare', 'bare');
    const bareStart = performance.now();
    await until(() => acked >= N, 300_000);
    const bareSeconds = (performance.now() - bareStart) / 1000;
    await bare.close();

    // The bot.
    const [topic] = await pubsub.createTopic('bench-bot');
    await topic.createSubscription('bench-bot-sub', { ackDeadlineSeconds: 60 });
    h = await startHarness({
      PUBSUB_SUBSCRIPTION: 'bench-bot-sub',
      ALERT_CHANNEL: 'C0BENCH01',
      GOOGLE_CLOUD_PROJECT: 'bench-project',
    });
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
    const published = performance.now();
    await publishStorm(pubsub, 'bench-bot', 'bot');
    const slack = h.slack;
    await until(() => slack.callsOf('chat.postMessage').length >= 1, 60_000);
    const firstAlertMs = performance.now() - published;
    // Done when the shared store counted every entry: the outbox's last update shows N.
    await until(
      () => slack.callsOf('chat.update').some((c) => JSON.stringify(c.body).includes(`${N} errors`)),
      300_000,
    );
    const botSeconds = (performance.now() - published) / 1000;
    clearInterval(sampler);
    console.log(
      JSON.stringify({
        bench: 'alert-storm',
        entries: N,
        botEntriesPerSecond: Math.round(N / botSeconds),
        bareAckEntriesPerSecond: Math.round(N / bareSeconds),
        ratio: Math.round((N / botSeconds / (N / bareSeconds)) * 100) / 100,
        publishToFirstAlertMs: Math.round(firstAlertMs),
        slackCalls: {
          postMessage: slack.callsOf('chat.postMessage').length,
          update: slack.callsOf('chat.update').length,
        },
        rssPeakMB: Math.round(rssPeak / 1e6),
        note: 'the bot runs in this process (web + worker roles); RSS includes the publisher and the fakes',
      }),
    );
  } finally {
    await h?.stop();
    await pubsub.close();
    delete process.env.PUBSUB_EMULATOR_HOST;
    await pstest.stop();
  }
}
