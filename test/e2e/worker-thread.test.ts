/**
 * `npm start` with IMAGESTREAM_ROLE=all and IMAGESTREAM_WORKER_THREAD=true runs its jobs in a
 * worker thread (BENCHMARKS.md, ack under jobs). The process must
 * behave as one: commands get their replies, /metrics shows the thread's jobs beside the main
 * thread's acks (one exposition, each metric once), and SIGTERM stops both and exits 0.
 * The bot runs as a real process (the built dist/, `npm run build` first).
 */
import { GkeFake, startGkeFake } from '../fakes/gke-api';
import { FakeSlack, startFakeSlack } from '../fakes/slack-api';
import { loadGkeCluster } from '../gke/gke-test-setup';
import { sample } from '../metrics/prom-text';
import { SHOP, botEnv, deleteKeys } from '../support/bot-harness';
import { BotProcess, spawnBot } from '../support/bot-process';
import { until } from '../support/until';
import { portOf, sendCommand } from '../faults/signed-requests';

let slack: FakeSlack;
let gke: GkeFake;
let bot: BotProcess | undefined;
let prefix = '';

beforeAll(async () => {
  slack = await startFakeSlack();
  gke = await startGkeFake();
  gke.addCluster(SHOP, loadGkeCluster('standard'));
});
afterAll(async () => {
  await bot?.stop('SIGKILL');
  if (prefix) await deleteKeys(prefix);
  await slack?.close();
  await gke?.close();
});

it('runs the jobs in a thread of the same process: replies, one /metrics, a clean stop', async () => {
  const env = botEnv(slack, gke, { IMAGESTREAM_ROLE: 'all', IMAGESTREAM_WORKER_THREAD: 'true' });
  prefix = env.IMAGESTREAM_REDIS_PREFIX!;
  bot = await spawnBot(env);
  expect(bot.logs.some((l) => l.message === 'jobs run in a worker thread')).toBe(true);
  const port = portOf(bot);

  for (const id of ['t1', 't2', 't3']) expect((await sendCommand(port, slack, 'status shop', id)).status).toBe(200);
  const replied = (id: string) => slack.callsOf('response_url').some((c) => c.responseId === id);
  await until(() => ['t1', 't2', 't3'].every(replied), 30_000, 'the replies of the three status jobs');

  const metrics = async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  // The thread's job counts (it observes after the reply) and the main thread's ack counts, in one answer.
  await until(
    async () =>
      sample(await metrics(), 'imagestream_job_duration_seconds_count{job="status",outcome="completed"}') === 3,
    10_000,
    'the three jobs in /metrics',
    metrics,
  );
  const body = await metrics();
  expect(sample(body, 'imagestream_commands_total{subcommand="status",outcome="ok"}')).toBe(3);
  for (const name of [
    'imagestream_job_duration_seconds',
    'imagestream_commands_total',
    'process_cpu_user_seconds_total',
  ])
    expect(
      body.split('\n').filter((l) => l === `# TYPE ${name} ${l.split(' ')[3]}` && l.startsWith(`# TYPE ${name} `)),
    ).toHaveLength(1);

  expect(await bot.stop()).toBe(0);
}, 60_000);
