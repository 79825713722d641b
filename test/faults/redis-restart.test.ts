/**
 * Redis restarted (killed, then started on its AOF) while jobs wait in the queue and an approval is
 * pending: nothing is lost and nothing runs twice. The bot runs as real processes (the built
 * dist/, `npm run build` first) against a Redis of the test's own, persisted as in production.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { GkeFake, startGkeFake } from '../fakes/gke-api';
import { FakeSlack, startFakeSlack } from '../fakes/slack-api';
import { loadGkeCluster } from '../gke/gke-test-setup';
import { SHOP, botEnv, messageText } from '../support/bot-harness';
import { BotProcess, spawnBot } from '../support/bot-process';
import { AofRedis, startAofRedis } from '../support/redis-aof';
import { until } from '../support/until';
import { clickApprove, portOf, sendCommand } from './signed-requests';

const POOL = `projects/${SHOP.project}/locations/${SHOP.location}/clusters/${SHOP.cluster}/nodePools/default-pool`;
const CHECK = 'check us-east1-docker.pkg.dev/acme-prod/web/frontend:v5 --gke-version 1.27.3-gke.100';

let slack: FakeSlack;
let gke: GkeFake;
let redis: AofRedis;
const bots: BotProcess[] = [];

beforeAll(async () => {
  slack = await startFakeSlack();
  gke = await startGkeFake({ pendingPolls: 1, runningPolls: 2 });
  gke.addCluster(SHOP, loadGkeCluster('standard'));
  redis = await startAofRedis();
});
afterAll(async () => {
  await Promise.all(bots.map((b) => b.stop('SIGKILL')));
  await redis?.close();
  await slack?.close();
  await gke?.close();
});

/** The one response_url post per id, or every one if there are more (the assertion shows them). */
const repliesTo = (id: string) => slack.callsOf('response_url').filter((c) => c.responseId === id);

it('keeps queued jobs and a pending approval across a Redis kill and restart, and runs each once', async () => {
  const env = botEnv(slack, gke, { REDIS_URL: redis.url, IMAGESTREAM_GKE_POLL_MS: '20' });
  const web = await spawnBot({ ...env, IMAGESTREAM_ROLE: 'web' });
  bots.push(web);
  const port = portOf(web);

  // An approval request is posted (a worker runs the enable job), then no worker is left.
  const firstWorker = await spawnBot({ ...env, IMAGESTREAM_ROLE: 'worker' });
  bots.push(firstWorker);
  const posted = slack.waitFor((c) => c.method === 'chat.postMessage', 15_000);
  expect((await sendCommand(port, slack, 'enable shop --pool default-pool', 'enable')).status).toBe(200);
  const actions = ((await posted).body.blocks as any[]).find((b) => b.type === 'actions');
  const requestId = actions.elements[0].value as string;
  expect(await firstWorker.stop()).toBe(0);

  // Commands queue up with no worker to run them.
  const queued = ['status-1', 'check-1', 'verify-1', 'status-2'];
  const texts = ['status shop', CHECK, 'verify shop --pool default-pool', 'status shop'];
  for (const [i, id] of queued.entries()) {
    const ack = await sendCommand(port, slack, texts[i]!, id);
    expect(ack.status).toBe(200);
    expect(ack.text).not.toMatch(/nothing was queued/);
  }

  // Redis dies hard (no shutdown save: only the AOF's fsynced writes survive).
  await redis.stop('kill');
  // What a user sees meanwhile: told at once that nothing was queued.
  const during = await sendCommand(port, slack, 'status shop', 'during-outage');
  expect(during.status).toBe(200);
  expect(during.text).toMatch(/nothing was queued/);

  await redis.start();
  // The web process reconnects by itself; /readyz (which asks Redis) says so.
  await until(
    async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.status === 200,
    20_000,
    'the web process to reconnect to Redis',
  );

  // A fresh worker drains the queue; the approver clicks Approve on the request made before the restart.
  const worker = await spawnBot({ ...env, IMAGESTREAM_ROLE: 'worker' });
  bots.push(worker);
  const done = slack.waitFor((c) => c.method === 'chat.update' && /: done$/i.test(String(c.body.text)), 30_000);
  expect((await clickApprove(port, slack, requestId)).status).toBe(200);
  expect(messageText((await done).body)).toMatch(/enabled/);

  await until(() => queued.every((id) => repliesTo(id).length > 0), 30_000, 'a reply to every queued command');
  // Every queued job is finished before counting: nothing waiting or active, and nothing delayed
  // but the approval's expiry (due in 24 h; it does nothing to a request that is done).
  const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  const queue = new Queue('jobs', { connection, prefix: env.IMAGESTREAM_REDIS_PREFIX });
  try {
    await until(
      async () =>
        Object.values(await queue.getJobCounts('waiting', 'active')).every((n) => n === 0) &&
        (await queue.getJobs(['delayed'])).every((j) => j.name === 'expire'),
      30_000,
      'the queue to drain',
    );
    const jobs = await queue.getJobs(['completed', 'failed']);
    // The command sent while Redis was down never entered the queue, so it can never run later.
    expect(jobs.filter((j) => JSON.stringify(j.data).includes('during-outage'))).toEqual([]);
    expect(jobs.filter((j) => j.failedReason)).toEqual([]);
  } finally {
    await queue.close();
    connection.disconnect();
  }

  for (const id of queued) expect(repliesTo(id)).toHaveLength(1);
  expect(messageText(repliesTo('status-1')[0]!.body)).toContain('default-pool');
  expect(repliesTo('during-outage')).toEqual([]);
  expect(gke.acceptedUpdates(POOL)).toBe(1);
  expect(gke.pool(SHOP, 'default-pool').config.gcfsConfig).toEqual({ enabled: true });
  expect(slack.callsOf('chat.update').filter((c) => /: done$/i.test(String(c.body.text)))).toHaveLength(1);

  expect(await worker.stop()).toBe(0);
  expect(await web.stop()).toBe(0);
}, 90_000);
