/**
 * The bot in Socket Mode (SLACK_APP_TOKEN set, no signing secret, no public URL): the real Bolt
 * SocketModeReceiver opens its WebSocket through apps.connections.open on the Slack fake, and
 * commands and button clicks arrive as envelopes over that socket, acked over it.
 */
import { startGkeFake } from '../fakes/gke-api';
import { FakeSlack, startFakeSlack } from '../fakes/slack-api';
import { FAKE_APP_TOKEN, FakeSocketMode, startFakeSocketMode } from '../fakes/slack-socket-mode';
import {
  APPROVER,
  CHANNEL,
  Harness,
  REQUESTER,
  SHOP,
  botEnv,
  deleteKeys,
  messageText,
  startHarness,
} from '../support/bot-harness';
import { sample } from '../metrics/prom-text';
import { spawnBot } from '../support/bot-process';
import { blockActionsPayload, slashCommandBody } from '../support/slack-sign';

const POOL = `projects/${SHOP.project}/locations/${SHOP.location}/clusters/${SHOP.cluster}/nodePools/default-pool`;

let slack: FakeSlack;
let socket: FakeSocketMode;
let h: Harness | undefined;
let responseIds = 0;

beforeAll(async () => {
  slack = await startFakeSlack();
  socket = await startFakeSocketMode(slack);
  h = await startHarness({ SLACK_APP_TOKEN: FAKE_APP_TOKEN, SLACK_SIGNING_SECRET: '' }, { slack });
  await socket.connected();
});
afterAll(async () => {
  await h?.stop();
  await socket?.close();
  await slack?.close();
});

/** `/imagestream TEXT` as a slash_commands envelope: the form fields Slack posts over HTTP, as JSON. */
function command(text: string, user = REQUESTER): { responseId: string; ack: ReturnType<FakeSocketMode['deliver']> } {
  const responseId = `sm${(responseIds += 1)}`;
  const fields = Object.fromEntries(
    new URLSearchParams(
      slashCommandBody({ text, response_url: slack.responseUrl(responseId), user_id: user, channel_id: CHANNEL }),
    ),
  );
  return { responseId, ack: socket.deliver('slash_commands', fields) };
}

/** Open connections once closes settle: the server sees the TCP close just after the client's handshake ends. */
async function openConnectionsSettled(): Promise<number> {
  for (let i = 0; i < 100 && socket.openConnections() > 0; i += 1) await new Promise((r) => setTimeout(r, 20));
  return socket.openConnections();
}

/** The next call of `method` from now on that matches. */
function next(method: string, match: (text: string) => boolean = () => true) {
  const from = slack.calls.length;
  return slack.waitFor(
    (c) => c.method === method && slack.calls.indexOf(c) >= from && match(String(c.body.text)),
    20_000,
  );
}

describe('connecting', () => {
  it('opens the socket with the app token through SLACK_API_URL and serves no Slack HTTP endpoint', async () => {
    const opened = slack.callsOf('apps.connections.open');
    expect(opened.length).toBeGreaterThanOrEqual(1);
    expect(opened.every((c) => c.error === undefined)).toBe(true);
    expect(socket.openConnections()).toBe(1);
    // Only the probes listen on PORT: requests cannot come in over HTTP.
    const res = await fetch(`http://127.0.0.1:${h!.bot.port}/slack/events`, { method: 'POST', body: 'x=1' });
    expect(res.status).toBe(404);
  });

  it('answers the probes on PORT', async () => {
    expect((await fetch(`http://127.0.0.1:${h!.bot.port}/healthz`)).status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${h!.bot.port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.text()).toBe('ready\n');
  });

  it('is not ready while the socket is down, reconnects by itself, and is ready again', async () => {
    const readyz = async () => {
      const res = await fetch(`http://127.0.0.1:${h!.bot.port}/readyz`);
      return { status: res.status, text: await res.text() };
    };
    // Slack keeps refusing new sockets for a while, so the bot stays disconnected long enough to see it.
    slack.failNext('apps.connections.open', 2, { status: 500 });
    socket.dropConnections();
    let seen = await readyz();
    for (let i = 0; i < 250 && seen.status === 200; i += 1) {
      await new Promise((r) => setTimeout(r, 20));
      seen = await readyz();
    }
    expect(seen).toEqual({ status: 503, text: 'not ready: the Slack Socket Mode connection is down\n' });
    await socket.connected(30_000);
    for (let i = 0; i < 250 && seen.status !== 200; i += 1) {
      await new Promise((r) => setTimeout(r, 20));
      seen = await readyz();
    }
    expect(seen.status).toBe(200);
    // The refused reconnects show in the bot's Slack error metrics, like any other Slack call.
    const metrics = await (await fetch(`http://127.0.0.1:${h!.bot.port}/metrics`)).text();
    expect(sample(metrics, 'imagestream_slack_api_errors_total{method="apps.connections.open",error="http_500"}')).toBe(
      2,
    );
    // And commands flow again over the new socket.
    const payload = (await command('help').ack).payload!;
    expect(messageText(payload)).toContain('/imagestream');
  });
});

describe('slash commands over the socket', () => {
  it('acks /imagestream help with the help text in the ack payload', async () => {
    const { ack } = command('help');
    const payload = (await ack).payload!;
    expect(payload.response_type).toBe('ephemeral');
    for (const sub of ['status', 'check', 'enable', 'errors'])
      expect(messageText(payload)).toContain(`/imagestream ${sub}`);
  });

  it('acks /imagestream status, and the job posts the report to the response URL', async () => {
    const { ack, responseId } = command('status shop');
    expect(messageText((await ack).payload!)).toMatch(/shop/);
    const posted = await slack.waitFor((c) => c.method === 'response_url' && c.responseId === responseId, 15_000);
    for (const pool of ['default-pool', 'gpu-pool', 'legacy-pool']) expect(messageText(posted.body)).toContain(pool);
  });
});

describe('approvals over the socket', () => {
  it('an Approve click (block_actions envelope) enables the pool once, as over HTTP', async () => {
    const posted = next('chat.postMessage');
    const { ack } = command('enable shop --pool default-pool');
    expect(messageText((await ack).payload!)).toContain('approval request follows');
    const actions = ((await posted).body.blocks as any[]).find((b) => b.type === 'actions');
    const id = actions.elements.find((e: any) => e.action_id === 'imagestream_approve').value as string;

    const done = next('chat.update', (text) => /: done$/i.test(text));
    const click = blockActionsPayload({
      action_id: 'imagestream_approve',
      value: id,
      user_id: APPROVER,
      channel_id: CHANNEL,
      message_ts: '1700000000.000100',
      response_url: slack.responseUrl(`smclick${(responseIds += 1)}`),
    });
    const clickAck = await socket.deliver('interactive', click);
    expect(clickAck.envelope_id).toEqual(expect.any(String));
    expect(messageText((await done).body)).toMatch(/enabled/);
    expect(h!.gke.acceptedUpdates(POOL)).toBe(1);
    expect(h!.gke.pool(SHOP, 'default-pool').config.gcfsConfig).toEqual({ enabled: true });
  }, 40_000);
});

describe('stop', () => {
  it('closes the socket and the probe port', async () => {
    const port = h!.bot.port;
    await h!.stop();
    h = undefined;
    expect(await openConnectionsSettled()).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});

describe('the bot process in Socket Mode (built bot)', () => {
  it('exits 0 on SIGTERM after closing the socket, and never logs the app token', async () => {
    const gke = await startGkeFake();
    const env = botEnv(slack, gke, { SLACK_APP_TOKEN: FAKE_APP_TOKEN, SLACK_SIGNING_SECRET: '' });
    const bot = await spawnBot(env);
    try {
      await socket.connected();
      const { port } = (await bot.waitForLog((l) => typeof l.port === 'number')) as { port: number };
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
      expect(await openConnectionsSettled()).toBe(0);
      expect(JSON.stringify(bot.logs)).not.toContain(FAKE_APP_TOKEN);
    } finally {
      bot.child.kill('SIGKILL');
      await deleteKeys(env.IMAGESTREAM_REDIS_PREFIX!);
      await gke.close();
    }
  }, 30_000);

  it('refuses an app token Slack does not know with one clear line and exit 1', async () => {
    const gke = await startGkeFake();
    const wrong = 'xapp-1-A00000001-0000000000001-revokedtoken';
    const env = botEnv(slack, gke, { SLACK_APP_TOKEN: wrong, SLACK_SIGNING_SECRET: '' });
    try {
      const failure = await spawnBot(env).then(
        () => new Error('the bot started'),
        (err: Error) => err,
      );
      expect(failure.message).toMatch(/bot exited \(1\).*could not start: .*invalid_auth/s);
      expect(failure.message).not.toContain(wrong);
      expect(failure.message).not.toMatch(/\n\s+at /);
    } finally {
      await deleteKeys(env.IMAGESTREAM_REDIS_PREFIX!);
      await gke.close();
    }
  }, 30_000);
});
