/**
 * Fix buttons end to end: a gcfsd entry published to pstest becomes an alert; its button, through
 * the approval flow, changes the cluster (GKE fake) or asks for quota (Cloud Quotas fake).
 */
import { PubSub, Topic } from '@google-cloud/pubsub';
import { TEST_REDIS } from '../support/redis-url';
import { Queue } from 'bullmq';
import { sinkEntry } from '../alerts/sink-entries';
import { CloudQuotasFake, containerFilesystemQuotaInfos, startCloudQuotasFake } from '../fakes/cloud-quotas-api';
import type { SlackCall } from '../fakes/slack-api';
import { APPROVER, Harness, REQUESTER, SHOP, messageText, startHarness } from '../support/bot-harness';
import { Pstest, startPstest } from '../support/pstest';

jest.setTimeout(60_000);

const ALERTS = 'C0ALERTS02';
let pstest: Pstest;
let quotas: CloudQuotasFake;
let pubsub: PubSub;
let topic: Topic;
let h: Harness;

beforeAll(async () => {
  pstest = await startPstest();
  process.env.PUBSUB_EMULATOR_HOST = pstest.host;
  quotas = await startCloudQuotasFake();
  quotas.quotaInfos[`projects/${SHOP.project}/locations/global/services/containerfilesystem.googleapis.com`] =
    containerFilesystemQuotaInfos(SHOP.project);
  pubsub = new PubSub({ projectId: 'test-project' });
  [topic] = await pubsub.createTopic('gcfsd-fixes');
  await topic.createSubscription('gcfsd-fixes-bot', { ackDeadlineSeconds: 30 });
  h = await startHarness({
    PUBSUB_SUBSCRIPTION: 'gcfsd-fixes-bot',
    ALERT_CHANNEL: ALERTS,
    GOOGLE_CLOUD_PROJECT: 'test-project',
    CLOUDQUOTAS_API_ENDPOINT: quotas.url,
    IMAGESTREAM_ALERT_UPDATE_SECONDS: '0.2',
  });
}, 180_000);
afterAll(async () => {
  await h?.stop();
  await pubsub?.close();
  delete process.env.PUBSUB_EMULATOR_HOST;
  await quotas?.close();
  await pstest?.stop();
});

/** Publishes one entry of the shop cluster and returns the alert message posted for it. */
async function alertFor(
  fixture: 'permission-denied' | 'quota-exceeded' | 'failed-precondition',
  insertId: string,
): Promise<SlackCall> {
  const entry = sinkEntry(fixture, {
    insertId,
    cluster: SHOP.cluster,
    project: SHOP.project,
    node: 'gke-shop-default-pool-5f1c2a3b-x1y2',
  });
  entry.resource.labels.location = `${SHOP.location}-b`;
  const from = h.slack.calls.length;
  await topic.publishMessage({ data: Buffer.from(JSON.stringify(entry)) });
  return h.slack.waitFor(
    (c) => c.method === 'chat.postMessage' && c.body.channel === ALERTS && h.slack.calls.indexOf(c) >= from,
    20_000,
  );
}

function buttonValue(message: SlackCall, actionId: string): string {
  for (const block of message.body.blocks as any[]) {
    for (const e of block.elements ?? []) if (e.action_id === actionId) return e.value as string;
  }
  throw new Error(`no ${actionId} button`);
}

/** Clicks a fix button, then Approve on the approval request it posts in the alert's thread. */
async function fixThroughApproval(alert: SlackCall, actionId: string, done: RegExp): Promise<SlackCall> {
  const from = h.slack.calls.length;
  const request = h.slack.waitFor(
    (c) => c.method === 'chat.postMessage' && c.body.thread_ts !== undefined && h.slack.calls.indexOf(c) >= from,
    20_000,
  );
  await h.click({
    action_id: actionId,
    value: buttonValue(alert, actionId),
    user_id: REQUESTER,
    channel_id: ALERTS,
    message_ts: '1.1',
  });
  const posted = await request;
  expect(posted.body.thread_ts).toBe(alert.body.ts ?? posted.body.thread_ts);
  const id = buttonValue(posted, 'imagestream_approve');
  const final = h.slack.waitFor(
    (c) => c.method === 'chat.update' && done.test(String(c.body.text)) && h.slack.calls.indexOf(c) >= from,
    30_000,
  );
  await h.click({
    action_id: 'imagestream_approve',
    value: id,
    user_id: APPROVER,
    channel_id: ALERTS,
    message_ts: '1.2',
  });
  return final;
}

/** A symlink rename error logged by an application container on a node of `pool`. */
async function symlinkAlert(pool: string, insertId: string): Promise<SlackCall> {
  const entry = sinkEntry('symlink-mv', { insertId, cluster: SHOP.cluster, project: SHOP.project });
  entry.resource.labels.location = `${SHOP.location}-b`;
  entry.labels['compute.googleapis.com/resource_name'] = `gke-shop-${pool}-5f1c2a3b-x1y2`;
  const from = h.slack.calls.length;
  await topic.publishMessage({ data: Buffer.from(JSON.stringify(entry)) });
  return h.slack.waitFor(
    (c) => c.method === 'chat.postMessage' && c.body.channel === ALERTS && h.slack.calls.indexOf(c) >= from,
    20_000,
  );
}

describe('fix buttons', () => {
  it('symlink_rename: upgrades an affected pool to the first fixed patch of its minor, after approval', async () => {
    const alert = await symlinkAlert('gpu-pool', 'sy-fix-1');
    const final = await fixThroughApproval(alert, 'imagestream_fix_upgrade_pool', /: done$/);
    expect(messageText(final.body)).toContain('1.27.6-gke.100');
    expect(h.gke.pool(SHOP, 'gpu-pool').version).toBe('1.27.6-gke.100');
  });

  it('symlink_rename: says so when the pool already has the fix, and asks nothing', async () => {
    const mute = h.slack.calls.length;
    // Same problem key as above (cluster, class): answered from the existing alert's buttons.
    const alert = h.slack.calls
      .slice(0, mute)
      .reverse()
      .find(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.body.channel === ALERTS &&
          JSON.stringify(c.body).includes('imagestream_fix_upgrade_pool'),
      )!;
    const from = h.slack.calls.length;
    h.gke.pool(SHOP, 'gpu-pool').version = '1.28.3-gke.1203001';
    await h.click({
      action_id: 'imagestream_fix_upgrade_pool',
      value: buttonValue(alert, 'imagestream_fix_upgrade_pool'),
      user_id: APPROVER,
      channel_id: ALERTS,
      message_ts: '1.4',
    });
    const reply = await h.slack.waitFor((c) => c.method === 'response_url' && h.slack.calls.indexOf(c) >= from, 20_000);
    expect(messageText(reply.body)).toMatch(/already|fixed/i);
  });

  it('permission_denied: creates the replacement pool with the storage read scope, after approval', async () => {
    const alert = await alertFor('permission-denied', 'pd-fix-1');
    expect(messageText(alert.body)).toContain('Create replacement node pool');
    const final = await fixThroughApproval(alert, 'imagestream_fix_replace_pool', /: done$/);
    expect(messageText(final.body)).toContain('default-pool-ro');
    const created = h.gke.pool(SHOP, 'default-pool-ro');
    expect(created.config.oauthScopes).toContain('https://www.googleapis.com/auth/devstorage.read_only');
    expect(created.config.gcfsConfig).toEqual({ enabled: true });
  });

  it('quota_exceeded: asks Cloud Quotas for more, after approval', async () => {
    const alert = await alertFor('quota-exceeded', 'qe-fix-1');
    await fixThroughApproval(alert, 'imagestream_fix_quota', /: done$/);
    const created = quotas.requests.filter((r) => r.route === 'CreateQuotaPreference');
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(created[0]!.body)).toContain(`"region":"${SHOP.location}"`);
  });

  it('mute: an approver mutes the problem and the alert says so', async () => {
    const alert = await alertFor('failed-precondition', 'fp-mute-1');
    const from = h.slack.calls.length;
    await h.click({
      action_id: 'imagestream_mute_1h',
      value: buttonValue(alert, 'imagestream_mute_1h'),
      user_id: APPROVER,
      channel_id: ALERTS,
      message_ts: '1.3',
    });
    const told = await h.slack.waitFor(
      (c) => c.method === 'chat.postEphemeral' && h.slack.calls.indexOf(c) >= from,
      10_000,
    );
    expect(messageText(told.body)).toMatch(/Muted/);
  });

  it("show gcloud command: the replacement pool command for the node's pool", async () => {
    const alert = h.slack.calls.find(
      (c) => c.method === 'chat.postMessage' && JSON.stringify(c.body).includes('imagestream_fix_show_gcloud'),
    );
    if (!alert) throw new Error('no permission_denied alert yet');
    const from = h.slack.calls.length;
    await h.click({
      action_id: 'imagestream_fix_show_gcloud',
      value: buttonValue(alert, 'imagestream_fix_show_gcloud'),
      user_id: REQUESTER,
      channel_id: ALERTS,
      message_ts: '1.5',
    });
    const reply = await h.slack.waitFor((c) => c.method === 'response_url' && h.slack.calls.indexOf(c) >= from, 20_000);
    expect(messageText(reply.body)).toContain('gcloud container node-pools create default-pool-ro');
    expect(messageText(reply.body)).toContain('devstorage.read_only');
  });

  it('symlink_rename: disables streaming on the pool, after approval', async () => {
    const alert = h.slack.calls.find(
      (c) => c.method === 'chat.postMessage' && JSON.stringify(c.body).includes('imagestream_fix_disable_pool'),
    );
    if (!alert) throw new Error('no symlink alert yet');
    await fixThroughApproval(alert, 'imagestream_fix_disable_pool', /: done$/);
    expect(h.gke.pool(SHOP, 'gpu-pool').config.gcfsConfig?.enabled ?? false).toBe(false);
  });

  it('failed_precondition: queues a re-check of the logs in 5 minutes', async () => {
    const alert = h.slack.calls.find(
      (c) => c.method === 'chat.postMessage' && JSON.stringify(c.body).includes('imagestream_fix_retry_check'),
    );
    if (!alert) throw new Error('no failed_precondition alert yet');
    const from = h.slack.calls.length;
    await h.click({
      action_id: 'imagestream_fix_retry_check',
      value: buttonValue(alert, 'imagestream_fix_retry_check'),
      user_id: REQUESTER,
      channel_id: ALERTS,
      message_ts: '1.6',
    });
    const reply = await h.slack.waitFor((c) => c.method === 'response_url' && h.slack.calls.indexOf(c) >= from, 20_000);
    expect(messageText(reply.body)).toMatch(/again in 5 minutes/);
    const queue = new Queue('jobs', {
      connection: TEST_REDIS,
      prefix: h.config.IMAGESTREAM_REDIS_PREFIX,
    });
    try {
      const delayed = await queue.getDelayed();
      expect(delayed.some((j) => j.name === 'errors' && (j.opts.delay ?? 0) >= 5 * 60_000)).toBe(true);
    } finally {
      await queue.close();
    }
  });

  it('invalid_argument: runs the eligibility check on the image named in the entry', async () => {
    const entry = sinkEntry('invalid-argument', { insertId: 'ia-fix-1', cluster: SHOP.cluster, project: SHOP.project });
    entry.resource.labels.location = `${SHOP.location}-b`;
    entry.jsonPayload.MESSAGE =
      'level=error msg="failed to mount image" error="rpc error: code=InvalidArgument desc=image is not eligible" image="us-east1-docker.pkg.dev/acme-prod/web/frontend:v5"';
    const from = h.slack.calls.length;
    await topic.publishMessage({ data: Buffer.from(JSON.stringify(entry)) });
    const alert = await h.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === ALERTS && h.slack.calls.indexOf(c) >= from,
      20_000,
    );
    const clicked = h.slack.calls.length;
    await h.click({
      action_id: 'imagestream_fix_run_check',
      value: buttonValue(alert, 'imagestream_fix_run_check'),
      user_id: REQUESTER,
      channel_id: ALERTS,
      message_ts: '1.7',
    });
    const report = await h.slack.waitFor(
      (c) =>
        c.method === 'response_url' &&
        h.slack.calls.indexOf(c) >= clicked &&
        JSON.stringify(c.body).includes('symlink-rename'),
      20_000,
    );
    expect(messageText(report.body)).toContain('frontend:v5');
  });
});
