/**
 * The App Home end to end: signed `app_home_opened` events and Home clicks to the real Bolt app,
 * the `home` job reading the GKE fake and Redis, views.publish to the Slack fake.
 */
import { Queue, QueueEvents } from 'bullmq';
import { TEST_REDIS, TEST_REDIS_URL } from '../support/redis-url';
import { Redis } from 'ioredis';
import { AlertStore } from '../../src/alerts/alert-store';
import { alertRoutes } from '../../src/alerts/alert-routes';
import { classified } from '../alerts/sink-entries';
import type { SlackCall } from '../fakes/slack-api';
import { APPROVER, CHANNEL, Harness, OUTSIDER, REQUESTER, SHOP, startHarness } from '../support/bot-harness';
import { allText } from '../support/slack-limits';

jest.setTimeout(60_000);

const DENIED_PROJECT = 'acme-locked';
const ALERTS = 'C0ALERTS01';
const PRIVATE = 'G0PRIVATE01';
const PRIVATE_ALERTS = 'G0ALERTSP01';
const POOL = `projects/${SHOP.project}/locations/${SHOP.location}/clusters/${SHOP.cluster}/nodePools/default-pool`;

let h: Harness;
let redis: Redis;
beforeAll(async () => {
  h = await startHarness({ IMAGESTREAM_HOME_PROJECTS: DENIED_PROJECT });
  redis = new Redis(TEST_REDIS_URL);
  // Who is in which channel (conversations.members): a viewer sees only their channels' requests and alerts.
  h.slack.state.channelMembers[CHANNEL] = [APPROVER, REQUESTER, OUTSIDER];
  h.slack.state.channelMembers[ALERTS] = [APPROVER, OUTSIDER];
  h.slack.state.channelMembers[PRIVATE] = [APPROVER, REQUESTER];
  h.slack.state.channelMembers[PRIVATE_ALERTS] = [APPROVER];
  // One project the bot may not list: its section shows the error, the others still render.
  h.gke.faults.push({
    route: 'clusters.list',
    status: 403,
    message: 'Required "container.clusters.list" permission(s)',
    pathIncludes: `/projects/${DENIED_PROJECT}/`,
  });
});
afterAll(async () => {
  redis?.disconnect();
  await h?.stop();
});

const publishes = (user: string) => h.slack.callsOf('views.publish').filter((c) => c.body.user_id === user);
const viewText = (call: SlackCall) => {
  const view = call.body.view as { blocks: unknown[] };
  return allText({ text: '', blocks: view.blocks });
};
const viewButtons = (call: SlackCall) =>
  ((call.body.view as { blocks: any[] }).blocks ?? []).flatMap((b) => [
    ...(b.type === 'actions' ? b.elements : []),
    ...(b.accessory ? [b.accessory] : []),
  ]) as Array<{ action_id: string; value: string }>;

/** The next views.publish for `user` from now on whose text matches. */
function nextPublish(user: string, match: (text: string) => boolean, timeoutMs = 20_000): Promise<SlackCall> {
  const from = h.slack.calls.length;
  return h.slack.waitFor(
    (c) =>
      c.method === 'views.publish' && c.body.user_id === user && h.slack.calls.indexOf(c) >= from && match(viewText(c)),
    timeoutMs,
  );
}

/** Waits until the bot's job queue has nothing waiting, delayed or running. */
async function queueDrained(queue: Queue): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    if (Object.values(counts).every((n) => n === 0)) return;
    if (Date.now() > deadline) throw new Error(`the job queue never drained: ${JSON.stringify(counts)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the App Home', () => {
  it('runs one refresh for a burst of opens', async () => {
    const user = 'UBURST0001';
    const prefix = h.config.IMAGESTREAM_REDIS_PREFIX;
    const queue = new Queue('jobs', { connection: redis, prefix });
    // From the start of the stream: the event of the second open cannot be missed.
    const events = new QueueEvents('jobs', { connection: TEST_REDIS, prefix, lastEventId: '0' });
    try {
      const deduplicated = new Promise<void>((resolve) =>
        events.on('deduplicated', ({ deduplicationId }) => deduplicationId === `home-${user}` && resolve()),
      );
      // Held so both opens meet a waiting refresh, as a burst meets a busy worker.
      await queue.pause();
      expect(await h.openHome(user)).toBe(200);
      expect(await h.openHome(user)).toBe(200);
      // Bolt acks an event before its listener runs: wait until the second open has met the first's job.
      await deduplicated;
      await queue.resume();
      await h.slack.waitFor((c) => c.method === 'views.publish' && c.body.user_id === user);
      await queueDrained(queue);
      expect(publishes(user)).toHaveLength(1);
    } finally {
      await queue.resume();
      await queue.close();
      await events.close();
    }
  });

  it("shows each project's clusters and pools with their streaming state, and a project it cannot list", async () => {
    const published = nextPublish(APPROVER, (t) => t.includes('*shop*'));
    expect(await h.openHome(APPROVER)).toBe(200);
    const text = viewText(await published);
    expect(text).toContain(`Project ${SHOP.project}`);
    // The standard fixture: default off, gpu-pool set on, legacy-pool off; Autopilot jobs streams by default.
    expect(text).toMatch(/\*shop\* in `europe-west1`\nCluster default: off · 1 of 3 node pools streaming/);
    expect(text).toMatch(/`default-pool` off/);
    expect(text).toMatch(/`gpu-pool` \*on\* \(set on the pool\)/);
    expect(text).toMatch(/`legacy-pool` off/);
    expect(text).toMatch(/\*jobs\* in `us-central1` · Autopilot\nCluster default: \*on\*/);
    expect(text).toContain(`Project ${DENIED_PROJECT}`);
    expect(text).toMatch(/Could not list the clusters: missing IAM permission container\.clusters\.list/);
  });

  it('shows a pending request with Approve / Deny, approves it from the Home, and drops it from the Home', async () => {
    await h.openHome(APPROVER);
    const posted = h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === CHANNEL);
    // Watched from before the command: the refresh may publish before the approval message is seen.
    const homeWithRequest = nextPublish(APPROVER, (t) => t.includes('Pending approvals'));
    const ack = await h.command('enable shop --pool default-pool', { user: REQUESTER });
    expect(ack.status).toBe(200);
    const message = await posted;
    const approve = ((message.body.blocks as any[]).find((b) => b.type === 'actions')?.elements ?? []).find(
      (e: any) => e.action_id === 'imagestream_approve',
    );
    const id = approve.value as string;

    // The request reaches the Home of someone who opened it, without a new open.
    const withRequest = await homeWithRequest;
    expect(viewText(withRequest)).toContain(
      '*Enable image streaming* on shop (pool default-pool) in europe-west1, project acme-prod',
    );
    const buttons = viewButtons(withRequest).filter((b) => b.value === id);
    expect(buttons.map((b) => b.action_id)).toEqual(['imagestream_approve', 'imagestream_deny']);

    // Someone who may not approve is told so in the app's DM (a Home click has no channel).
    const refused = h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === OUTSIDER);
    expect(await h.clickInHome({ action_id: 'imagestream_approve', value: id, user_id: OUTSIDER })).toBe(200);
    expect(String((await refused).body.text)).toMatch(/approve/i);
    expect(h.gke.updateCalls(POOL)).toBe(0);

    const from = h.slack.calls.length;
    const updated = h.slack.waitFor(
      (c) =>
        c.method === 'chat.update' &&
        c.body.channel === CHANNEL &&
        h.slack.calls.indexOf(c) >= from &&
        /: done$/.test(String(c.body.text)),
      20_000,
    );
    const withoutRequest = nextPublish(APPROVER, (t) => !t.includes('Pending approvals'));
    // Watched from before the click: the refresh that shows the result may be the same one.
    const streamingOn = nextPublish(APPROVER, (t) => /`default-pool` \*on\*/.test(t));
    expect(await h.clickInHome({ action_id: 'imagestream_approve', value: id, user_id: APPROVER })).toBe(200);
    // The original approval message is updated in place, and the Home loses the request.
    expect(String((await updated).body.text)).toContain('Enable image streaming');
    expect(viewText(await withoutRequest)).not.toContain(id);
    expect(h.gke.acceptedUpdates(POOL)).toBe(1);
    // Once done, the Home shows the pool streaming.
    await streamingOn;
  });

  it('shows an open alert with its mute state, and mutes it from the Home', async () => {
    const store = new AlertStore(redis, {
      keyPrefix: `${h.config.IMAGESTREAM_REDIS_PREFIX}:alerts:`,
      destinationFor: alertRoutes({}, ALERTS),
    });
    const outcome = await store.record(
      classified('quota-exceeded', { insertId: 'home-q1', project: SHOP.project, cluster: SHOP.cluster }),
    );
    if (!('alert' in outcome)) throw new Error(`expected a new alert, got ${outcome.kind}`);
    await store.setMessage(outcome.alert.id, { platform: 'slack', space: ALERTS, message: '1700000000.000900' });

    const published = nextPublish(APPROVER, (t) => t.includes('Open alerts'));
    await h.openHome(APPROVER);
    const home = await published;
    expect(viewText(home)).toMatch(/\*quota exceeded\* on `shop`.*: 1 entry, last seen/);
    expect(viewText(home)).toContain(':bell: not muted');
    const mute = viewButtons(home).find((b) => b.action_id === 'imagestream_mute_1h');
    expect(mute?.value).toBe(outcome.alert.id);

    const mutedHome = nextPublish(APPROVER, (t) => t.includes('Mutes in force'));
    const told = h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === APPROVER);
    await h.clickInHome({ action_id: 'imagestream_mute_1h', value: outcome.alert.id, user_id: APPROVER });
    expect(String((await told).body.text)).toContain('Muted quota_exceeded on shop for 1 h');
    const text = viewText(await mutedHome);
    expect(text).toContain(':mute: muted until <!date^');
    expect(viewButtons(await mutedHome).some((b) => b.action_id === 'imagestream_mute_1h')).toBe(false);
  });

  it("does not show a private channel's request or alert to someone outside that channel", async () => {
    const SECRET = 'acme-secret';
    // A request from a private channel, for a project nothing else names, and an alert in another.
    const posted = h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === PRIVATE);
    await h.command(`enable shop --pool legacy-pool`, { user: REQUESTER, channel: PRIVATE });
    const approve = ((await posted).body.blocks as any[])
      .find((b) => b.type === 'actions')
      ?.elements.find((e: any) => e.action_id === 'imagestream_approve');
    const requestId = approve.value as string;
    const store = new AlertStore(redis, {
      keyPrefix: `${h.config.IMAGESTREAM_REDIS_PREFIX}:alerts:`,
      destinationFor: alertRoutes({}, PRIVATE_ALERTS),
    });
    const outcome = await store.record(
      classified('permission-denied', { insertId: 'home-private-1', project: SECRET, cluster: 'vault' }),
    );
    if (!('alert' in outcome)) throw new Error(`expected a new alert, got ${outcome.kind}`);
    await store.setMessage(outcome.alert.id, {
      platform: 'slack',
      space: PRIVATE_ALERTS,
      message: '1700000000.000950',
    });

    // A member sees both, with their buttons.
    const member = nextPublish(APPROVER, (t) => t.includes('vault') && t.includes('(pool legacy-pool)'));
    await h.openHome(APPROVER);
    const memberView = await member;
    expect(viewButtons(memberView).map((b) => b.value)).toEqual(expect.arrayContaining([requestId, outcome.alert.id]));

    // Someone outside both channels: nothing of either, not even the alert's project.
    const outsider = nextPublish(OUTSIDER, () => true);
    await h.openHome(OUTSIDER);
    const outsiderView = await outsider;
    const text = viewText(outsiderView);
    expect(text).not.toContain('(pool legacy-pool)');
    expect(text).not.toContain('vault');
    expect(text).not.toContain(SECRET);
    expect(JSON.stringify(outsiderView.body.view)).not.toContain(requestId);
    expect(JSON.stringify(outsiderView.body.view)).not.toContain(outcome.alert.id);
    // The Home asked Slack who is in the channels, and still lists what every viewer may see.
    expect(h.slack.callsOf('conversations.members').map((c) => c.body.channel)).toEqual(
      expect.arrayContaining([PRIVATE, PRIVATE_ALERTS]),
    );
    expect(text).toContain(`Project ${SHOP.project}`);
  });
});
