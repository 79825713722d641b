/**
 * The alert pipeline's scale: BENCH_SCALE_ENTRIES gcfsd entries read by 1, then 2, replicas of the
 * built bot sharing one subscription and one Redis (as replicas do), each with
 * BENCH_SCALE_STREAMS streaming pulls so that pstest's delivery (about 100 messages a second per
 * stream) is not what bounds them. Figures per replica count: entries per second end to end, and
 * entries per CPU-second (all replicas' CPU together), beside a bare acking subscriber's with the
 * same streams on its own subscription. One JSON line per replica count.
 */
import { PubSub } from '@google-cloud/pubsub';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { startGkeFake } from '../test/fakes/gke-api';
import { startFakeSlack } from '../test/fakes/slack-api';
import { deleteKeys } from '../test/support/bot-harness';
import { BotProcess, spawnBot } from '../test/support/bot-process';
import { startPstest } from '../test/support/pstest';
import { startCommand } from '../test/support/start-command';
import { TEST_REDIS_URL } from '../test/support/redis-url';
import { until } from '../test/support/until';
import { publishStorm, startBareSubscriber } from './alert-storm';
import { PROJECT, countedBy, stormBotEnv } from './storm-bot';
import { processCpuSeconds } from './proc-stats';
import { round2 } from './stats';

const ENTRIES = Number(process.env.BENCH_SCALE_ENTRIES ?? 40_000);
const STREAMS = Number(process.env.BENCH_SCALE_STREAMS ?? 20);
const REPLICAS = (process.env.BENCH_SCALE_REPLICAS ?? '1,2').split(',').map(Number);
const CHANNEL = 'C0BENCH01';

/** One round: `replicas` bots and a bare subscriber read the same ENTRIES; their rates and CPU. */
async function round(replicas: number): Promise<void> {
  const pstest = await startPstest();
  process.env.PUBSUB_EMULATOR_HOST = pstest.host;
  const pubsub = new PubSub({ projectId: PROJECT });
  const slack = await startFakeSlack();
  const gke = await startGkeFake();
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  const redis = new Redis(TEST_REDIS_URL);
  const bots: BotProcess[] = [];
  let bare: Awaited<ReturnType<typeof startBareSubscriber>> | undefined;
  try {
    const [topic] = await pubsub.createTopic('bench-scale');
    await topic.createSubscription('bench-bot-sub', { ackDeadlineSeconds: 60 });
    await topic.createSubscription('bench-bare-sub', { ackDeadlineSeconds: 60 });
    const env = stormBotEnv(
      { slack, gke, pstestHost: pstest.host },
      { keyPrefix: prefix, subscription: 'bench-bot-sub', destination: CHANNEL },
      { PUBSUB_MAX_STREAMS: String(STREAMS) },
    );
    for (let i = 0; i < replicas; i++) {
      const bot = await spawnBot(env, undefined, startCommand().nodeArgs);
      await bot.waitForLog((l) => l.message === 'alert subscriber started');
      bots.push(bot);
    }
    bare = await startBareSubscriber(pstest.host, 'bench-bare-sub', STREAMS);
    const counted = countedBy(redis, prefix, CHANNEL);
    const pids = bots.map((b) => b.child.pid!);
    const cpu0 = await Promise.all(pids.map(processCpuSeconds));
    const bareCpu0 = await processCpuSeconds(bare.pid);
    const started = performance.now();
    let bareSeconds: number | undefined;
    const bareDone = until(() => bare!.acked() >= ENTRIES, 900_000, 'the bare subscriber').then(
      () => (bareSeconds = (performance.now() - started) / 1000),
    );
    await publishStorm(topic, 'scale', async () => Math.min(bare!.acked(), await counted()), ENTRIES);
    await until(async () => (await counted()) >= ENTRIES, 900_000, 'the bots to count every entry');
    const botSeconds = (performance.now() - started) / 1000;
    await bareDone;
    const cpu1 = await Promise.all(pids.map(processCpuSeconds));
    const bareCpu1 = await processCpuSeconds(bare.pid);
    const perReplica = cpu1.map((c, i) => c - cpu0[i]!);
    const botCpu = perReplica.reduce((a, b) => a + b, 0);
    const bareCpu = bareCpu1 - bareCpu0;
    console.log(
      JSON.stringify({
        bench: 'alert-storm-scale',
        entries: ENTRIES,
        replicas,
        streamsPerReplica: STREAMS,
        botEntriesPerSecond: Math.round(ENTRIES / botSeconds),
        botEntriesPerCpuSecond: Math.round(ENTRIES / botCpu),
        cpuSecondsPerReplica: perReplica.map(round2),
        bareEntriesPerSecond: Math.round(ENTRIES / bareSeconds!),
        bareEntriesPerCpuSecond: Math.round(ENTRIES / bareCpu),
        cpuRatio: round2(botCpu / bareCpu),
      }),
    );
  } finally {
    await bare?.stop();
    for (const bot of bots) if (bot.child.exitCode === null) await bot.stop();
    redis.disconnect();
    await deleteKeys(prefix);
    await pubsub.close();
    delete process.env.PUBSUB_EMULATOR_HOST;
    await slack.close();
    await gke.close();
    await pstest.stop();
  }
}

export async function benchAlertStormScale(): Promise<void> {
  for (const replicas of REPLICAS) await round(replicas);
}
