/**
 * SIGTERM while slash commands pour in: requests in flight finish, the workers finish their jobs and
 * close, and every command the bot acknowledged runs exactly once (the rest of the queue is drained
 * by the next process). The bot runs as a real process (the built dist/, `npm run build` first).
 */
import { Queue } from 'bullmq';
import { TEST_REDIS_URL } from '../support/redis-url';
import { Redis } from 'ioredis';
import { GkeFake, startGkeFake } from '../fakes/gke-api';
import { FakeSlack, startFakeSlack } from '../fakes/slack-api';
import { loadGkeCluster } from '../gke/gke-test-setup';
import { SHOP, botEnv, deleteKeys } from '../support/bot-harness';
import { BotProcess, spawnBot } from '../support/bot-process';
import { until } from '../support/until';
import { portOf, sendCommand } from './signed-requests';

const TOTAL = 200;
const IN_FLIGHT = 20;
// SIGTERM once this many commands are acknowledged: well inside the stream of requests.
const SIGTERM_AFTER = 60;

let slack: FakeSlack;
let gke: GkeFake;
const bots: BotProcess[] = [];
let prefix = '';

beforeAll(async () => {
  slack = await startFakeSlack();
  gke = await startGkeFake();
  gke.addCluster(SHOP, loadGkeCluster('standard'));
  // Slow reads and few worker slots: when SIGTERM lands, jobs are running (the workers must let
  // them finish) and more are waiting (the next process must run them).
  gke.faults.push({ route: 'clusters.get', status: 'pass', delayMs: 200 });
});
afterAll(async () => {
  await Promise.all(bots.map((b) => b.stop('SIGKILL')));
  if (prefix) await deleteKeys(prefix);
  await slack?.close();
  await gke?.close();
});

/** What became of one command: its HTTP answer, or the connection error the client saw. */
type Outcome = { id: string; status: number; text: string } | { id: string; error: string };

it('finishes what it acknowledged, refuses the rest at the socket, and loses no job', async () => {
  const env = botEnv(slack, gke, { IMAGESTREAM_JOB_LOCK_MS: '5000', IMAGESTREAM_WORKER_CONCURRENCY: '4' });
  prefix = env.IMAGESTREAM_REDIS_PREFIX!;
  const first = await spawnBot({ ...env, IMAGESTREAM_ROLE: 'all' });
  bots.push(first);
  const port = portOf(first);

  const outcomes: Outcome[] = [];
  let next = 0;
  let acked = 0;
  let signalled = false;
  const sender = async (): Promise<void> => {
    while (next < TOTAL) {
      const id = `load-${(next += 1)}`;
      try {
        const res = await sendCommand(port, slack, 'status shop', id);
        outcomes.push({ id, ...res });
        if (res.status === 200) acked += 1;
      } catch (err) {
        outcomes.push({ id, error: String((err as Error).cause ?? err) });
      }
      if (acked >= SIGTERM_AFTER && !signalled) {
        signalled = true;
        first.child.kill('SIGTERM');
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, sender));
  expect(signalled).toBe(true);
  expect(await first.exited).toBe(0);

  // Every request got a 200 or never reached the bot: no 5xx, no half-answered request.
  const answered = outcomes.filter((o): o is Extract<Outcome, { status: number }> => 'status' in o);
  const refused = outcomes.filter((o): o is Extract<Outcome, { error: string }> => 'error' in o);
  expect(answered.filter((o) => o.status !== 200)).toEqual([]);
  expect(refused.every((o) => /ECONNREFUSED|ECONNRESET|other side closed|socket/i.test(o.error))).toBe(true);
  const queued = answered.filter((o) => !/nothing was queued/.test(o.text)).map((o) => o.id);
  expect(queued.length).toBeGreaterThanOrEqual(SIGTERM_AFTER);
  expect(refused.length).toBeGreaterThan(0);

  // The workers closed cleanly: no job was left active (a stalled job would wait for its lock to expire).
  const connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue('jobs', { connection, prefix });
  try {
    expect((await queue.getJobCounts('active')).active).toBe(0);

    // The next process drains what was still waiting.
    const second = await spawnBot({ ...env, IMAGESTREAM_ROLE: 'all' });
    bots.push(second);
    const replies = (id: string) => slack.callsOf('response_url').filter((c) => c.responseId === id);
    await until(() => queued.every((id) => replies(id).length > 0), 60_000, 'a reply to every acknowledged command');
    await until(
      async () => Object.values(await queue.getJobCounts('waiting', 'active', 'delayed')).every((n) => n === 0),
      30_000,
      'the queue to drain',
    );

    // Each acknowledged command ran once: one reply each.
    for (const id of queued) expect(replies(id)).toHaveLength(1);
    expect((await queue.getJobCounts('failed')).failed).toBe(0);
    // A request refused at the socket never reached the bot: nothing of it may run.
    for (const o of refused) expect(replies(o.id)).toEqual([]);

    // One "job finished" per status job over both processes (its reply is a job of the replies
    // queue, with ids of its own). Counted once the second process has exited and its output ended
    // (spawnBot's `exited` waits for both): a job is done in Redis, and its reply reaches Slack,
    // before the test has necessarily read the line the job logged. Counted while the bot ran, this
    // once found 78 lines for 79 jobs (src/logging/logger.ts has the rest of the story).
    expect(await second.stop()).toBe(0);
    const finished = [...first.logs, ...second.logs]
      .filter((l) => l.message === 'job finished' && l.job === 'status')
      .map((l) => l.jobId);
    expect(finished).toHaveLength(queued.length);
    expect(new Set(finished).size).toBe(queued.length);
    expect(first.logs.some((l) => l.message === 'job finished')).toBe(true);
  } finally {
    await queue.close();
    connection.disconnect();
  }
}, 120_000);
