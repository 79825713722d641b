/**
 * Alert storm: BENCH_STORM gcfsd entries (4 problems: two error classes on two clusters) published
 * to pstest, read by the built bot running as its own process (classify, dedup and group in Redis,
 * outbox to the Slack fake), so its memory figure is the bot's alone (VmHWM, the kernel's RSS
 * high-water mark). Baseline, same topic, same entries, at the same time: a bare subscriber process
 * with the bot's flow control that only acks. One JSON line.
 *
 * pstest (the Debian build) hands a streaming pull about one message per stream per 10 ms tick,
 * so its delivery rate bounds both consumers; the CPU each process spends per entry is the figure
 * that compares the bot's own work with a bare ack.
 */
import { PubSub, Topic } from '@google-cloud/pubsub';
import { TEST_REDIS_URL } from '../test/support/redis-url';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Redis } from 'ioredis';
import { sinkEntry, SinkFixture } from '../test/alerts/sink-entries';
import { startGkeFake } from '../test/fakes/gke-api';
import { startFakeSlack } from '../test/fakes/slack-api';
import { deleteKeys } from '../test/support/bot-harness';
import { BotProcess, spawnBot } from '../test/support/bot-process';
import { startCommand } from '../test/support/start-command';
import { startPstest } from '../test/support/pstest';
import { until } from '../test/support/until';
import { processCpuSeconds, processMemoryMB } from './proc-stats';
import { round2 } from './stats';
import { PROJECT, countedBy, stormBotEnv } from './storm-bot';

export { PROJECT } from './storm-bot';

const N = Number(process.env.BENCH_STORM ?? 100_000);
const AB_DIR = process.env.BENCH_STORM_AB;
const IDLE_AFTER_MS = Number(process.env.BENCH_STORM_IDLE_S ?? 30) * 1000;
const PUBLISH_CHUNK = 1000;
const BACKLOG = 5000;
const CHANNEL = 'C0BENCH01';
export const PROBLEMS: Array<{ fixture: SinkFixture; cluster: string; title: string }> = [
  { fixture: 'quota-exceeded', cluster: 'prod-east', title: 'quota exceeded' },
  { fixture: 'quota-exceeded', cluster: 'prod-west', title: 'quota exceeded' },
  { fixture: 'permission-denied', cluster: 'prod-east', title: 'storage read scope' },
  { fixture: 'permission-denied', cluster: 'prod-west', title: 'storage read scope' },
];

/**
 * Publishes the storm in chunks (the client batches 1000 a request), each once both consumers are
 * within BACKLOG of it: pstest scans every unacked message under one lock on each 10 ms tick, so a
 * 100,000-message backlog would measure the emulator's scan, not the bot (it fell to ~40/s).
 */
export async function publishStorm(
  topic: Topic,
  tag: string,
  consumed: () => Promise<number>,
  count = N,
): Promise<void> {
  topic.setPublishOptions({ batching: { maxMessages: 1000, maxMilliseconds: 10 } });
  const templates = PROBLEMS.map((p) => sinkEntry(p.fixture, { cluster: p.cluster, project: PROJECT }));
  for (let start = 0; start < count; start += PUBLISH_CHUNK) {
    if (start >= BACKLOG)
      await until(async () => (await consumed()) >= start - BACKLOG, 600_000, 'consumers to keep up');
    const sends: Array<Promise<string>> = [];
    for (let i = start; i < Math.min(count, start + PUBLISH_CHUNK); i++) {
      const entry = { ...templates[i % templates.length]! };
      entry.insertId = `${tag}-${i}`;
      entry.timestamp = new Date().toISOString();
      entry.resource = {
        ...entry.resource,
        labels: { ...entry.resource.labels, node_name: `gke-prod-pool-1-abcd-${i % 13}` },
      };
      sends.push(topic.publishMessage({ data: Buffer.from(JSON.stringify(entry)) }));
    }
    await Promise.all(sends);
  }
}

/** Samples a process's VmRSS while a phase runs; VmHWM at the end is the kernel's own peak. */
export function memorySampler(pid: number) {
  let peakRssMB = 0;
  const timer = setInterval(() => {
    processMemoryMB(pid).then(
      (m) => (peakRssMB = Math.max(peakRssMB, m.rssMB)),
      () => undefined,
    );
  }, 100);
  return {
    async stop() {
      clearInterval(timer);
      const last = await processMemoryMB(pid);
      return { peakRssSampledMB: Math.max(peakRssMB, last.rssMB), vmHwmMB: last.hwmMB, rssAtEndMB: last.rssMB };
    },
  };
}

/**
 * Starts the bare acking subscriber (see bare-subscriber.ts) with `streams` streaming pulls (the
 * bot's default 5); `acked()` is its latest count.
 */
export async function startBareSubscriber(host: string, subscription: string, streams = 5) {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--require', 'tsx/cjs', path.join(__dirname, 'bare-subscriber.ts'), PROJECT, subscription, String(streams)],
    { env: { ...process.env, PUBSUB_EMULATOR_HOST: host }, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let acked = 0;
  let ready!: () => void;
  const started = new Promise<void>((r) => (ready = r));
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) {
      if (line === 'ready') ready();
      const m = /^acked (\d+)$/.exec(line);
      if (m) acked = Number(m[1]);
    }
  });
  await started;
  return {
    pid: child.pid!,
    acked: () => acked,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin!.end();
      }),
  };
}

export async function benchAlertStorm(): Promise<void> {
  const pstest = await startPstest();
  process.env.PUBSUB_EMULATOR_HOST = pstest.host;
  const pubsub = new PubSub({ projectId: PROJECT });
  const slack = await startFakeSlack();
  const gke = await startGkeFake();
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  const redis = new Redis(TEST_REDIS_URL);
  let bot: BotProcess | undefined;
  let other: BotProcess | undefined;
  let bare: Awaited<ReturnType<typeof startBareSubscriber>> | undefined;
  try {
    // One topic, two subscriptions: every entry reaches the bot and the bare subscriber alike, at
    // the same time, so the emulator's delivery rate and the machine's noise hit both.
    const [topic] = await pubsub.createTopic('bench-storm');
    await topic.createSubscription('bench-bare-sub', { ackDeadlineSeconds: 60 });
    // The bot as `npm start` runs it (its heap setting), reading its own subscription, then the knobs.
    const startStormBot = async (
      subscription: string,
      keyPrefix: string,
      channel: string,
      args: string[],
      main?: string,
    ) => {
      await topic.createSubscription(subscription, { ackDeadlineSeconds: 60 });
      const started = await spawnBot(
        stormBotEnv({ slack, gke, pstestHost: pstest.host }, { keyPrefix, subscription, destination: channel }),
        undefined,
        [...startCommand().nodeArgs, ...args],
        main,
      );
      await started.waitForLog((l) => l.message === 'alert subscriber started');
      return started;
    };
    const nodeArgs = (value: string | undefined) => value?.split(' ').filter(Boolean) ?? [];
    // BENCH_STORM_AB=DIR: another checkout's build (DIR/dist) reads the same storm beside this one,
    // so two versions of the bot are compared under the same load and noise.
    if (AB_DIR)
      other = await startStormBot(
        'bench-ab-sub',
        `${prefix}-ab`,
        'C0BENCH02',
        nodeArgs(process.env.BENCH_STORM_AB_NODE_ARGS ?? process.env.BENCH_STORM_NODE_ARGS),
        path.join(path.resolve(AB_DIR), 'dist', 'src', 'app', 'main.js'),
      );
    bot = await startStormBot('bench-bot-sub', prefix, CHANNEL, [
      // BENCH_STORM_CPU_PROF=DIR: a V8 CPU profile of the bot, written to DIR when it stops.
      ...(process.env.BENCH_STORM_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_STORM_CPU_PROF}`] : []),
      ...nodeArgs(process.env.BENCH_STORM_NODE_ARGS),
    ]);
    bare = await startBareSubscriber(pstest.host, 'bench-bare-sub');
    const botPid = bot.child.pid!;
    const barePid = bare.pid;
    const botAtStart = await processMemoryMB(botPid);
    const otherPid = other?.child.pid;
    const [botCpu0, bareCpu0, otherCpu0] = await Promise.all([
      processCpuSeconds(botPid),
      processCpuSeconds(barePid),
      otherPid === undefined ? 0 : processCpuSeconds(otherPid),
    ]);
    const botMemory = memorySampler(botPid);
    const bareMemory = memorySampler(barePid);
    const otherMemory = otherPid === undefined ? undefined : memorySampler(otherPid);

    const botCounted = countedBy(redis, prefix, CHANNEL);
    const otherCounted = other ? countedBy(redis, `${prefix}-ab`, 'C0BENCH02') : undefined;
    const counted = async () => Math.min(await botCounted(), otherCounted ? await otherCounted() : Infinity);
    const published = performance.now();
    const epochPublished = performance.timeOrigin + published;
    const firstAlert = slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === CHANNEL, 900_000);
    // listOpen drops alerts older than the window: none is, the storm runs within one window.
    let bareSeconds: number | undefined;
    let botSeconds: number | undefined;
    const bareDone = until(() => bare!.acked() >= N, 900_000, 'the bare subscriber').then(
      () => (bareSeconds = (performance.now() - published) / 1000),
    );
    await publishStorm(topic, 'storm', async () => Math.min(bare!.acked(), await counted()));
    const publishSeconds = (performance.now() - published) / 1000;
    await until(async () => (await counted()) >= N, 900_000, 'the bot to count every entry');
    botSeconds = (performance.now() - published) / 1000;
    await bareDone;
    const [botCpu1, bareCpu1, otherCpu1] = await Promise.all([
      processCpuSeconds(botPid),
      processCpuSeconds(barePid),
      otherPid === undefined ? 0 : processCpuSeconds(otherPid),
    ]);
    const botMem = await botMemory.stop();
    const bareMem = await bareMemory.stop();
    const otherMem = await otherMemory?.stop();
    const firstAlertMs = (await firstAlert).at - epochPublished;

    // Slack's view settles within one update interval (5 s by default): wait for the last counts.
    const perProblem = N / PROBLEMS.length;
    await until(
      () =>
        PROBLEMS.every((p) =>
          slack.calls.some(
            (c) =>
              (c.method === 'chat.update' || c.method === 'chat.postMessage') &&
              c.body.channel === CHANNEL &&
              String(c.body.text).includes(`${perProblem} errors on ${p.cluster}`) &&
              String(c.body.text).toLowerCase().includes(p.title),
          ),
        ),
      30_000,
      'the final alert updates',
    );
    // Memory once the storm is over and the bot has idled (V8 gives pages back ~8 s after the
    // allocation rate drops), every 10 s: the target is within 20 MB of where it started.
    const rssWhileIdleMB: number[] = [];
    for (let waited = 0; waited < IDLE_AFTER_MS; waited += 10_000) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, IDLE_AFTER_MS - waited)));
      rssWhileIdleMB.push((await processMemoryMB(botPid)).rssMB);
    }
    const botAfterIdle = await processMemoryMB(botPid);
    const ours = (method: string) => slack.callsOf(method).filter((c) => c.body.channel === CHANNEL);
    const posts = ours('chat.postMessage');
    const replies = posts.filter((c) => c.body.thread_ts !== undefined).length;
    const updates = ours('chat.update').length;
    const alerts = posts.length - replies;
    const botCpuMsPer1k = ((botCpu1 - botCpu0) / N) * 1e6;
    const bareCpuMsPer1k = ((bareCpu1 - bareCpu0) / N) * 1e6;
    console.log(
      JSON.stringify({
        bench: 'alert-storm',
        entries: N,
        problems: PROBLEMS.length,
        botEntriesPerSecond: Math.round(N / botSeconds),
        bareAckEntriesPerSecond: Math.round(N / bareSeconds!),
        ratio: round2(bareSeconds! / botSeconds),
        cpuMsPer1000Entries: { bot: Math.round(botCpuMsPer1k), bare: Math.round(bareCpuMsPer1k) },
        cpuRatio: round2(botCpuMsPer1k / bareCpuMsPer1k),
        publishSeconds: round2(publishSeconds),
        publishToFirstAlertMs: Math.round(firstAlertMs),
        slackCalls: {
          postMessage: alerts,
          update: updates,
          replies,
          perProblem: round2((alerts + updates + replies) / PROBLEMS.length),
        },
        botMemoryMB: {
          atStart: botAtStart.rssMB,
          ...botMem,
          rssAfterIdleMB: botAfterIdle.rssMB,
          rssWhileIdleMB,
          idleSeconds: IDLE_AFTER_MS / 1000,
          under250: botMem.vmHwmMB < 250,
        },
        bareSubscriberMemoryMB: bareMem,
        ...(AB_DIR && {
          ab: {
            build: AB_DIR,
            cpuMsPer1000Entries: Math.round(((otherCpu1 - otherCpu0) / N) * 1e6),
            cpuRatio: round2((((otherCpu1 - otherCpu0) / N) * 1e6) / bareCpuMsPer1k),
            memoryMB: otherMem,
          },
        }),
      }),
    );
  } finally {
    await bare?.stop();
    if (bot && bot.child.exitCode === null) await bot.stop();
    if (other && other.child.exitCode === null) await other.stop();
    redis.disconnect();
    await deleteKeys(prefix);
    if (AB_DIR) await deleteKeys(`${prefix}-ab`);
    await pubsub.close();
    delete process.env.PUBSUB_EMULATOR_HOST;
    await slack.close();
    await gke.close();
    await pstest.stop();
  }
}
