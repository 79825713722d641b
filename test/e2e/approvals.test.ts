/** enable/disable end to end: the approval request, who may click, exactly-once changes, denial, failure, expiry. */
import {
  APPROVER,
  CHANNEL,
  Harness,
  OUTSIDER,
  REQUESTER,
  SHOP,
  messageText,
  startHarness,
} from '../support/bot-harness';
import type { SlackCall } from '../fakes/slack-api';

const POOL = (name: string) =>
  `projects/${SHOP.project}/locations/${SHOP.location}/clusters/${SHOP.cluster}/nodePools/${name}`;
const CLUSTER = `projects/${SHOP.project}/locations/${SHOP.location}/clusters/${SHOP.cluster}`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

/** The next call of `method` from now on that matches. */
function next(method: string, match: (c: SlackCall) => boolean = () => true, timeoutMs = 15_000): Promise<SlackCall> {
  const from = h.slack.calls.length;
  return h.slack.waitFor((c) => c.method === method && h.slack.calls.indexOf(c) >= from && match(c), timeoutMs);
}

/** Sends the command and returns the approval request id from the posted message's Approve button. */
async function requestChange(text: string, user = REQUESTER): Promise<{ id: string; message: SlackCall }> {
  const posted = next('chat.postMessage');
  const ack = await h.command(text, { user });
  expect(messageText(ack.body)).toContain('approval request follows');
  const message = await posted;
  const actions = (message.body.blocks as any[]).find((b) => b.type === 'actions');
  const approve = actions.elements.find((e: any) => e.action_id === 'imagestream_approve');
  expect(actions.elements.map((e: any) => e.action_id)).toEqual(['imagestream_approve', 'imagestream_deny']);
  return { id: approve.value as string, message };
}

const click = (action: 'approve' | 'deny', id: string, user: string) =>
  h.click({
    action_id: `imagestream_${action}`,
    value: id,
    user_id: user,
    channel_id: CHANNEL,
    message_ts: '1700000000.000100',
  });

/** The chat.update whose fallback text ends with this state (`...: done`). */
const finalUpdate = (state: RegExp) =>
  next('chat.update', (c) => new RegExp(`: ${state.source}$`, 'i').test(String(c.body.text)), 20_000);

describe('enable a pool with approval', () => {
  it('shows the change, refuses outsiders and self-approval, and enables exactly once on a double click', async () => {
    const { id, message } = await requestChange('enable shop --pool default-pool');
    const shown = messageText(message.body);
    expect(shown).toContain('default-pool');
    expect(shown).toMatch(/off|disabled/i);

    const refused = next('chat.postEphemeral', (c) => c.body.user === OUTSIDER);
    expect(await click('approve', id, OUTSIDER)).toBe(200);
    expect(messageText((await refused).body)).toMatch(/approve/i);

    const selfRefused = next('chat.postEphemeral', (c) => c.body.user === REQUESTER);
    await click('approve', id, REQUESTER);
    expect(messageText((await selfRefused).body)).toMatch(/asked for this change/i);
    expect(h.gke.updateCalls(POOL('default-pool'))).toBe(0);

    const done = finalUpdate(/done/i);
    const [a, b] = await Promise.all([click('approve', id, APPROVER), click('approve', id, APPROVER)]);
    expect([a, b]).toEqual([200, 200]);
    expect(messageText((await done).body)).toMatch(/enabled/);
    expect(h.gke.acceptedUpdates(POOL('default-pool'))).toBe(1);
    expect(h.gke.pool(SHOP, 'default-pool').config.gcfsConfig).toEqual({ enabled: true });

    // A late third click changes nothing either.
    const late = next('chat.postEphemeral', (c) => c.body.user === APPROVER);
    await click('approve', id, APPROVER);
    expect(messageText((await late).body)).toMatch(/already/);
    expect(h.gke.acceptedUpdates(POOL('default-pool'))).toBe(1);

    const audit = await h.command('audit 10', { user: APPROVER });
    const trail = messageText(audit.body);
    for (const kind of ['requested', 'approved', 'done']) expect(trail).toContain(kind);
  });

  it('says there is nothing to approve when the pool already has the setting', async () => {
    const ack = await h.command('enable shop --pool gpu-pool');
    expect(ack.status).toBe(200);
    const posted = await h.slack.waitFor((c) => c.method === 'response_url' && c.responseId === ack.responseId, 10_000);
    expect(messageText(posted.body)).toMatch(/already enabled/);
  });
});

describe('a channel the bot is not in', () => {
  it('tells the requester to invite the bot, once, without retrying', async () => {
    h.slack.state.notInChannels = ['C0NOBOT01'];
    try {
      const ack = await h.command('enable shop --pool legacy-pool', { channel: 'C0NOBOT01' });
      const reply = await h.slack.waitFor(
        (c) => c.method === 'response_url' && c.responseId === ack.responseId,
        10_000,
      );
      expect(messageText(reply.body)).toContain('/invite @imagestream');
      expect(h.slack.callsOf('chat.postMessage').filter((c) => c.body.channel === 'C0NOBOT01')).toHaveLength(1);
    } finally {
      h.slack.state.notInChannels = [];
    }
  });
});

describe('Slack rate limits', () => {
  it('posts the approval request after a 429, once', async () => {
    h.slack.failNext('chat.postMessage', 1, { status: 429, retryAfter: 1 });
    const before = h.slack.rejected.length;
    const { id } = await requestChange('enable shop --pool legacy-pool');
    expect(id).toMatch(/^[A-Za-z0-9_-]{8,}$/);
    expect(h.slack.rejected.length).toBe(before + 1);
    const denied = finalUpdate(/denied/i);
    await click('deny', id, APPROVER);
    await denied;
  });
});

describe('deny', () => {
  it('leaves the cluster alone and says who denied', async () => {
    const { id } = await requestChange('disable shop --pool gpu-pool');
    const denied = finalUpdate(/denied/i);
    await click('deny', id, APPROVER);
    expect(messageText((await denied).body)).toContain(APPROVER);
    expect(h.gke.updateCalls(POOL('gpu-pool'))).toBe(0);
    const late = next('chat.postEphemeral', (c) => c.body.user === APPROVER);
    await click('approve', id, APPROVER);
    expect(messageText((await late).body)).toMatch(/already denied/);
  });
});

describe('a change the API refuses', () => {
  it("reports the API's own error on the request message", async () => {
    const { id } = await requestChange('enable shop');
    h.gke.nextOperationError = { code: 13, message: 'Internal error while updating node pools (code 13)' };
    const failed = finalUpdate(/failed/i);
    await click('approve', id, APPROVER);
    expect(messageText((await failed).body)).toContain('Internal error while updating node pools');
    expect(h.gke.acceptedUpdates(CLUSTER)).toBe(1);
  });

  it('names the missing permission on a 403 and does not retry it', async () => {
    const { id } = await requestChange('enable shop --pool legacy-pool');
    h.gke.faults.push({
      route: 'nodePools.update',
      status: 403,
      message: 'Required "container.clusters.update" permission(s)',
    });
    const failed = finalUpdate(/failed/i);
    await click('approve', id, APPROVER);
    expect(messageText((await failed).body)).toContain('container.clusters.update');
    expect(h.gke.updateCalls(POOL('legacy-pool'))).toBe(1);
    h.gke.faults.length = 0;
  });
});

describe('expiry', () => {
  it('takes the buttons away when time is up, and an Approve after that changes nothing', async () => {
    const short = await startHarness({ IMAGESTREAM_APPROVAL_TTL_HOURS: '0.0003' }, { slack: h.slack, gke: h.gke });
    try {
      const before = h.gke.updateCalls(POOL('legacy-pool'));
      expect(await short.openHome(APPROVER)).toBe(200);
      const posted = next('chat.postMessage');
      await short.command('enable shop --pool legacy-pool');
      const actions = ((await posted).body.blocks as any[]).find((b) => b.type === 'actions');
      const id = actions.elements[0].value as string;
      const expired = await finalUpdate(/expired/i);
      expect((expired.body.blocks as any[]).some((b) => b.type === 'actions')).toBe(false);
      // The App Home of someone who opened it loses the request too, without a new open.
      const homeAfter = await h.slack.waitFor(
        (c) =>
          c.method === 'views.publish' &&
          c.body.user_id === APPROVER &&
          h.slack.calls.indexOf(c) > h.slack.calls.indexOf(expired),
        15_000,
      );
      expect(JSON.stringify(homeAfter.body.view)).not.toContain(id);
      const told = next('chat.postEphemeral', (c) => c.body.user === APPROVER);
      await short.click({
        action_id: 'imagestream_approve',
        value: id,
        user_id: APPROVER,
        channel_id: CHANNEL,
        message_ts: '1.2',
      });
      expect(messageText((await told).body)).toMatch(/expired/);
      expect(h.gke.updateCalls(POOL('legacy-pool'))).toBe(before);
    } finally {
      await short.stop();
    }
  });
});
