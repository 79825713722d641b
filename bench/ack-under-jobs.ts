/**
 * Ack latency of a single process running both roles (IMAGESTREAM_ROLE=all, the default) while a
 * burst of BENCH_BURST `status` jobs runs in it, vs. the split deployment: a web-only process
 * (IMAGESTREAM_ROLE=web) while the same burst runs in a worker process of its own. Same machine,
 * same Redis, same work; only where the jobs run differs. All are the built bot as `npm start`
 * runs it; the GKE fake answers the jobs, the Slack fake takes their replies.
 *
 * Per round and per setup: BENCH_BURST `status` commands (their acks are not timed; their jobs are
 * the load), then, while those jobs run, BATCHES x PER_BATCH `status` commands, timed; then the
 * queue drains. The two setups take turns, starting with the other one each round.
 */
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { startGkeFake } from '../test/fakes/gke-api';
import { startFakeSlack } from '../test/fakes/slack-api';
import { loadGkeCluster, SHOP } from '../test/gke/gke-test-setup';
import { botEnv, deleteKeys } from '../test/support/bot-harness';
import { spawnBot } from '../test/support/bot-process';
import { TEST_REDIS_URL } from '../test/support/redis-url';
import { until } from '../test/support/until';
import { startLoadGenerator } from './load-generator';
import { round2, summarize } from './stats';

const BURST = Number(process.env.BENCH_BURST ?? 1000);
const IN_FLIGHT = Number(process.env.BENCH_ACK_IN_FLIGHT ?? 50);
const ROUNDS = Number(process.env.BENCH_ACKJOBS_ROUNDS ?? 4);
const BATCHES = 4;
const PER_BATCH = 50;

export async function benchAckUnderJobs(): Promise<void> {
  const slack = await startFakeSlack();
  const gke = await startGkeFake();
  gke.addCluster(SHOP, loadGkeCluster('standard'));
  const prefixAll = `bench-all-${randomBytes(4).toString('hex')}`;
  const prefixSplit = `bench-split-${randomBytes(4).toString('hex')}`;
  const extra = {
    REDIS_URL: TEST_REDIS_URL,
    ...(process.env.BENCH_BOT_ENV ? (JSON.parse(process.env.BENCH_BOT_ENV) as NodeJS.ProcessEnv) : {}),
  };
  const spawn = (role: string, prefix: string) =>
    spawnBot(botEnv(slack, gke, { ...extra, IMAGESTREAM_ROLE: role, IMAGESTREAM_REDIS_PREFIX: prefix }));
  const all = await spawn('all', prefixAll);
  const web = await spawn('web', prefixSplit);
  const worker = await spawn('worker', prefixSplit);
  const portOf = async (bot: typeof all) =>
    Number((await bot.waitForLog((l) => l.message === 'slack endpoint listening on /slack/events')).port);
  const connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const setups = [
    {
      name: 'all',
      port: await portOf(all),
      queue: new Queue('jobs', { connection, prefix: prefixAll }),
      ms: [] as number[],
      pendingAfter: [] as number[],
    },
    {
      name: 'web',
      port: await portOf(web),
      queue: new Queue('jobs', { connection, prefix: prefixSplit }),
      ms: [] as number[],
      pendingAfter: [] as number[],
    },
  ];
  const pending = async (queue: Queue) => {
    const c = await queue.getJobCounts('waiting', 'active', 'prioritized');
    return (c.waiting ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0);
  };
  const load = startLoadGenerator();
  const acks = (port: number, count: number, tag: string, inFlight = IN_FLIGHT) =>
    load.run({ port, texts: ['status shop'], count, inFlight, responseUrlPrefix: slack.responseUrlPrefix, tag });
  try {
    for (const setup of setups) {
      await acks(setup.port, 100, `warm-${setup.name}-`);
      await until(async () => (await pending(setup.queue)) === 0, 120_000, 'the warm-up jobs to finish');
    }
    for (let r = 0; r < ROUNDS; r++) {
      for (const setup of r % 2 === 0 ? setups : [...setups].reverse()) {
        await acks(setup.port, BURST, `burst-${setup.name}${r}-`, 100);
        for (let b = 0; b < BATCHES; b++)
          setup.ms.push(...(await acks(setup.port, PER_BATCH, `${setup.name}${r}-${b}-`)).ackMs);
        // Jobs still pending once the round's acks are timed: they ran all along.
        setup.pendingAfter.push(await pending(setup.queue));
        await until(async () => (await pending(setup.queue)) === 0, 300_000, 'the burst to drain');
      }
    }
    const [allSetup, webSetup] = setups as [(typeof setups)[0], (typeof setups)[0]];
    const allStats = summarize(allSetup.ms);
    const webStats = summarize(webSetup.ms);
    console.log(
      JSON.stringify({
        bench: 'ack-under-jobs',
        unit: 'ms',
        burst: BURST,
        inFlight: IN_FLIGHT,
        roleAll: allStats,
        roleWebWithWorkerProcess: webStats,
        ratioP50: round2(allStats.p50 / webStats.p50),
        ratioP99: round2(allStats.p99 / webStats.p99),
        jobsPendingAfterEachRound: { all: allSetup.pendingAfter, web: webSetup.pendingAfter },
        botEnv: extra,
        targets: { ratioP99Under1_5: allStats.p99 / webStats.p99 < 1.5 },
      }),
    );
  } finally {
    await load.close();
    for (const setup of setups) await setup.queue.close();
    connection.disconnect();
    await Promise.all([all.stop(), web.stop(), worker.stop()]);
    await deleteKeys(prefixAll);
    await deleteKeys(prefixSplit);
    await slack.close();
    await gke.close();
  }
}
