/**
 * The alert storm to a Google Chat space: BENCH_CHAT_STORM gcfsd entries (the storm bench's 4
 * problems) published to pstest, one topic with two subscriptions, each read by a built bot as its
 * own process, the same configuration (Slack and Google Chat both served) except the destination:
 * ALERT_CHANNEL=spaces/… (through the Chat API fake, which refuses a 61st write in a minute to a
 * space with 429 as Chat does) for one, a Slack channel (the Slack fake) for the other. Both get
 * the same entries at the same time, so pstest's delivery rate and the machine's noise hit both;
 * what differs is the platform's outbox: Chat's sender paces each space to one write per 1.1 s.
 * One JSON line: entries/s, CPU per 1,000 entries and peak RSS of each bot, the writes each
 * platform saw, and for Chat the most writes to the space in any 60 s.
 */
import { PubSub } from '@google-cloud/pubsub';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { startGkeFake } from '../../test/fakes/gke-api';
import type { FakeChatMessage } from '../../test/fakes/google-chat-api';
import { startFakeSlack } from '../../test/fakes/slack-api';
import { deleteKeys } from '../../test/support/bot-harness';
import { type BotProcess, spawnBot } from '../../test/support/bot-process';
import { CHAT_SPACE, startChatRig } from '../../test/support/google-chat-rig';
import { startPstest } from '../../test/support/pstest';
import { TEST_REDIS_URL } from '../../test/support/redis-url';
import { until } from '../../test/support/until';
import { PROBLEMS, PROJECT, memorySampler, publishStorm } from '../alert-storm';
import { countedBy, stormBotEnv } from '../storm-bot';
import { processCpuSeconds, processMemoryMB } from '../proc-stats';
import { round2 } from '../stats';

const N = Number(process.env.BENCH_CHAT_STORM ?? 20_000);
/**
 * IMAGESTREAM_ALERT_UPDATE_SECONDS of both bots; unset: the config default (5 s), at which 4
 * problems want ~48 writes a minute, under the space's pace. 1 asks for ~240: the pacing binds.
 */
const UPDATE_SECONDS = process.env.BENCH_CHAT_STORM_UPDATE_SECONDS;
const SLACK_CHANNEL = 'C0BENCH02';
/** Chat's documented limit per space (https://developers.google.com/workspace/chat/limits), enforced by the fake. */
const CHAT_WRITES_PER_MINUTE = 60;

/** One bot of the pair: its process, the store it writes (read here to count), and its figures. */
interface StormBot {
  label: 'chat' | 'slack';
  process: BotProcess;
  counted(): Promise<number>;
  prefix: string;
}

export async function benchChatAlertStorm(): Promise<void> {
  const pstest = await startPstest();
  process.env.PUBSUB_EMULATOR_HOST = pstest.host;
  const pubsub = new PubSub({ projectId: PROJECT });
  const rig = await startChatRig({ writeQuotaPerMinute: CHAT_WRITES_PER_MINUTE });
  const slack = await startFakeSlack();
  const gke = await startGkeFake();
  const redis = new Redis(TEST_REDIS_URL);
  const bots: StormBot[] = [];
  try {
    const [topic] = await pubsub.createTopic('bench-chat-storm');
    for (const [label, destination] of [
      ['chat', CHAT_SPACE],
      ['slack', SLACK_CHANNEL],
    ] as const) {
      const subscription = `bench-${label}-sub`;
      await topic.createSubscription(subscription, { ackDeadlineSeconds: 60 });
      const prefix = `bench-${label}storm-${randomBytes(4).toString('hex')}`;
      const process = await spawnBot(
        stormBotEnv(
          { slack, gke, pstestHost: pstest.host },
          { keyPrefix: prefix, subscription, destination },
          {
            ...rig.env,
            ...(UPDATE_SECONDS ? { IMAGESTREAM_ALERT_UPDATE_SECONDS: UPDATE_SECONDS } : {}),
          },
        ),
      );
      bots.push({ label, process, prefix, counted: countedBy(redis, prefix, destination) });
      await process.waitForLog((l) => l.message === 'alert subscriber started');
    }
    const pids = bots.map((b) => b.process.child.pid!);
    const atStart = await Promise.all(pids.map(processMemoryMB));
    const cpu0 = await Promise.all(pids.map(processCpuSeconds));
    const memory = pids.map(memorySampler);

    const published = performance.now();
    const epochPublished = performance.timeOrigin + published;
    const seconds: number[] = [];
    const done = bots.map((bot, i) =>
      until(async () => (await bot.counted()) >= N, 900_000, `the ${bot.label} bot to count every entry`).then(
        () => (seconds[i] = (performance.now() - published) / 1000),
      ),
    );
    const slowest = async () => Math.min(...(await Promise.all(bots.map((b) => b.counted()))));
    await publishStorm(topic, 'chatstorm', slowest, N);
    await Promise.all(done);
    const cpu1 = await Promise.all(pids.map(processCpuSeconds));
    const mem = await Promise.all(memory.map((m) => m.stop()));

    // Each platform's view settles once the last update of each problem is through its pacing.
    const perProblem = N / PROBLEMS.length;
    const shows = (text: unknown, p: (typeof PROBLEMS)[number]) =>
      String(text).includes(`${perProblem} errors on ${p.cluster}`) && String(text).toLowerCase().includes(p.title);
    // In Chat the card shows the count (`<b>N errors</b> on cluster …`): a patch's updateMask
    // (text, cards_v2) leaves the notification's fallbackText as it was created.
    const cardShows = (m: FakeChatMessage, p: (typeof PROBLEMS)[number]) => {
      const card = JSON.stringify(m.cardsV2 ?? []);
      return (
        card.includes(`<b>${perProblem} errors`) && card.includes(p.cluster) && card.toLowerCase().includes(p.title)
      );
    };
    await Promise.all([
      until(
        () => PROBLEMS.every((p) => rig.chat.messagesIn(CHAT_SPACE).some((m) => cardShows(m, p))),
        60_000,
        'the final counts in the space',
      ),
      until(
        () =>
          PROBLEMS.every((p) =>
            slack.calls.some(
              (c) => (c.method === 'chat.update' || c.method === 'chat.postMessage') && shows(c.body.text, p),
            ),
          ),
        60_000,
        'the final counts in the Slack channel',
      ),
    ]);

    const writes = rig.chat.writes.filter((w) => w.space === CHAT_SPACE);
    const chatMessages = rig.chat.messagesIn(CHAT_SPACE);
    const slackPosts = slack.callsOf('chat.postMessage');
    const slackReplies = slackPosts.filter((c) => c.body.thread_ts !== undefined).length;
    const slackUpdates = slack.callsOf('chat.update').length;
    const firstWrite = Math.min(...writes.map((w) => w.at));
    const firstSlackPost = Math.min(...slackPosts.map((c) => c.at));
    // From the moment a bot had counted every entry to its platform's last write (the final counts).
    const countedAt = (i: number) => epochPublished + seconds[i]! * 1000;
    const chatSettledMs = Math.max(...writes.map((w) => w.at)) - countedAt(0);
    const slackWrites = slack.calls.filter((c) => c.method === 'chat.update' || c.method === 'chat.postMessage');
    const slackSettledMs = Math.max(...slackWrites.map((c) => c.at)) - countedAt(1);
    const figures = (i: number) => {
      const cpuMsPer1k = ((cpu1[i]! - cpu0[i]!) / N) * 1e6;
      return {
        entriesPerSecond: Math.round(N / seconds[i]!),
        cpuMsPer1000Entries: Math.round(cpuMsPer1k),
        memoryMB: { atStart: atStart[i]!.rssMB, ...mem[i]! },
      };
    };
    const chat = figures(0);
    const slackBot = figures(1);
    const chatCreates = writes.filter((w) => w.method === 'create').length;
    const chatPatches = writes.length - chatCreates;
    console.log(
      JSON.stringify({
        bench: 'google-chat-alert-storm',
        entries: N,
        problems: PROBLEMS.length,
        alertUpdateSeconds: Number(UPDATE_SECONDS ?? 5),
        chatBot: {
          ...chat,
          publishToFirstAlertMs: Math.round(firstWrite - epochPublished),
          finalWriteAfterAllCountedMs: Math.round(chatSettledMs),
          chatApi: {
            messagesCreated: chatCreates,
            threadReplies: chatMessages.filter((m) => m.threadReply).length,
            messagesPatched: chatPatches,
            writesPerProblem: round2(writes.length / PROBLEMS.length),
            maxWritesPerMinute: rig.chat.maxWritesPerMinute(CHAT_SPACE),
            limitPerMinute: CHAT_WRITES_PER_MINUTE,
            answered429: rig.chat.requests.filter((r) => r.status === 429).length,
          },
        },
        slackBot: {
          ...slackBot,
          publishToFirstAlertMs: Math.round(firstSlackPost - epochPublished),
          finalWriteAfterAllCountedMs: Math.round(slackSettledMs),
          slackApi: {
            postMessage: slackPosts.length - slackReplies,
            replies: slackReplies,
            update: slackUpdates,
            writesPerProblem: round2(slackPosts.length / PROBLEMS.length + slackUpdates / PROBLEMS.length),
          },
        },
        ratioEntriesPerSecond: round2(chat.entriesPerSecond / slackBot.entriesPerSecond),
        ratioCpu: round2(chat.cpuMsPer1000Entries / slackBot.cpuMsPer1000Entries),
      }),
    );
  } finally {
    for (const bot of bots) {
      if (bot.process.child.exitCode === null) await bot.process.stop();
      await deleteKeys(bot.prefix);
    }
    redis.disconnect();
    await pubsub.close();
    delete process.env.PUBSUB_EMULATOR_HOST;
    await Promise.all([rig.close(), slack.close(), gke.close()]);
    await pstest.stop();
  }
}
