/**
 * The allow-list of projects and locations (IMAGESTREAM_ALLOWED_PROJECTS, _LOCATIONS) end to end:
 * a slash command naming another project is refused in its ack, a job naming one is refused by the
 * worker, and a request or alert of a project outside the list cannot be approved, applied or fixed.
 * None of it may reach the GKE fake.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { AlertStore } from '../../src/alerts/alert-store';
import { alertRoutes } from '../../src/alerts/alert-routes';
import { principalId } from '../../src/chat/principal-id';
import { ApprovalStore } from '../../src/approvals/approval-store';
import { createLogger } from '../../src/logging/logger';
import { classified } from '../alerts/sink-entries';
import { APPROVER, CHANNEL, Harness, REQUESTER, SHOP, startHarness } from '../support/bot-harness';
import { TEST_REDIS, TEST_REDIS_URL } from '../support/redis-url';
import { until } from '../support/until';

jest.setTimeout(60_000);

const VICTIM = 'victim-proj';
let h: Harness;
let redis: Redis;
let queue: Queue;

beforeAll(async () => {
  h = await startHarness({
    IMAGESTREAM_ALLOWED_PROJECTS: SHOP.project,
    IMAGESTREAM_ALLOWED_LOCATIONS: `${SHOP.location},us-central1`,
  });
  redis = new Redis(TEST_REDIS_URL);
  queue = new Queue('jobs', { connection: TEST_REDIS, prefix: h.config.IMAGESTREAM_REDIS_PREFIX });
});
afterAll(async () => {
  await queue?.close();
  redis?.disconnect();
  await h?.stop();
});

const victimCalls = () => h.gke.requests.filter((r) => r.path.includes(VICTIM));
const ackText = (body: any) => String(body?.text ?? '');
const reply = (responseId: string) =>
  h.slack.waitFor((c) => c.method === 'response_url' && c.responseId === responseId, 10_000);

async function jobCount(): Promise<number> {
  const counts = await queue.getJobCounts();
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

describe('slash commands', () => {
  it.each([
    ['status', `status shop --project ${VICTIM}`],
    ['verify', `verify shop --project ${VICTIM}`],
    ['enable', `enable shop --pool default-pool --project ${VICTIM}`],
    ['errors', `errors shop --project ${VICTIM}`],
    ['check --cluster', `check europe-docker.pkg.dev/${SHOP.project}/repo/app:1 --cluster shop --project ${VICTIM}`],
    ['setup-alerts', `setup-alerts --project ${VICTIM}`],
  ])('%s naming a project outside the list is refused in the ack, and nothing is queued', async (_name, text) => {
    const before = await jobCount();
    const r = await h.command(text);
    expect(r.status).toBe(200);
    expect(r.body.response_type).toBe('ephemeral');
    expect(ackText(r.body)).toBe(
      `:no_entry: project ${VICTIM} is not one this bot may touch; allowed: ${SHOP.project}`,
    );
    expect(await jobCount()).toBe(before);
    expect(victimCalls()).toEqual([]);
  });

  it('check of an image in the Artifact Registry of another project is refused: the bot would read it with its own credentials', async () => {
    const r = await h.command(`check europe-docker.pkg.dev/${VICTIM}/repo/app:1`);
    expect(ackText(r.body)).toBe(
      `:no_entry: project ${VICTIM} (of image europe-docker.pkg.dev/${VICTIM}/repo/app:1) is not one this bot may touch; allowed: ${SHOP.project}`,
    );
    const gcr = await h.command(`check eu.gcr.io/${VICTIM}/app:1`);
    expect(ackText(gcr.body)).toContain(`project ${VICTIM} (of image eu.gcr.io/${VICTIM}/app:1) is not one`);
  });

  it('a location outside the list is refused too; the allowed project and location still work', async () => {
    const r = await h.command('status shop --location asia-east1');
    expect(ackText(r.body)).toBe(
      `:no_entry: location asia-east1 is not one this bot may touch; allowed: ${SHOP.location}, us-central1`,
    );
    const ok = await h.command('status shop');
    expect(ackText(ok.body)).toContain('Reading image streaming settings of shop');
    expect(JSON.stringify((await reply(ok.responseId)).body)).toContain('shop');
  });

  it('the refusal is in the audit trail', async () => {
    await h.command(`status shop --project ${VICTIM}`, { user: REQUESTER });
    const r = await h.command('audit 5', { user: REQUESTER });
    expect(JSON.stringify(r.body)).toContain(`project ${VICTIM} is not one this bot may touch`);
  });
});

describe('jobs', () => {
  it('a queued job naming a project outside the list is refused by the worker before any GKE call', async () => {
    // As if queued before the list changed, or written into Redis by someone else.
    const responseId = 'scope-forged-1';
    await queue.add('status', {
      replyTo: { responseUrl: h.slack.responseUrl(responseId), userId: REQUESTER, channelId: CHANNEL },
      target: { project: VICTIM, location: SHOP.location, cluster: 'shop' },
    });
    const answer = await reply(responseId);
    expect(JSON.stringify(answer.body)).toContain(`project ${VICTIM} is not one this bot may touch`);
    expect(victimCalls()).toEqual([]);
  });
});

describe('approvals and fixes', () => {
  const approvals = () => new ApprovalStore(redis, { keyPrefix: `${h.config.IMAGESTREAM_REDIS_PREFIX}:approval:` });
  const pendingFor = async (project: string) => {
    const request = await approvals().create({
      action: 'enable',
      target: { project, location: SHOP.location, cluster: 'shop', pool: 'default-pool' },
      change: { from: false, to: true, poolsAffected: ['default-pool'], notes: [] },
      requestedBy: principalId('slack', REQUESTER),
      conversation: { platform: 'slack', space: CHANNEL },
    });
    await approvals().setMessage(request.id, { platform: 'slack', space: CHANNEL, message: '1700000000.000100' });
    return request;
  };

  it('a request made before its project left the list cannot be approved', async () => {
    const request = await pendingFor(VICTIM);
    const told = h.slack.waitFor((c) => c.method === 'chat.postEphemeral' && c.body.user === APPROVER);
    await h.click({
      action_id: 'imagestream_approve',
      value: request.id,
      user_id: APPROVER,
      message_ts: '1700000000.000100',
    });
    expect(String((await told).body.text)).toBe(
      `:no_entry: project ${VICTIM} is not one this bot may touch; allowed: ${SHOP.project}`,
    );
    expect((await approvals().get(request.id))?.state).toBe('pending');
    expect(victimCalls()).toEqual([]);
  });

  it('an approved request whose project left the list fails at apply, before any GKE call', async () => {
    const request = await pendingFor(VICTIM);
    // Approved while the project was still allowed; the change runs after the list changed.
    expect((await approvals().decide(request.id, 'approved', principalId('slack', APPROVER))).ok).toBe(true);
    await queue.add('apply', { requestId: request.id }, { jobId: `apply-${request.id}` });
    await until(async () => (await approvals().get(request.id))?.state === 'failed', 20_000, 'the apply job to fail');
    expect((await approvals().get(request.id))?.result).toBe(
      `project ${VICTIM} is not one this bot may touch; allowed: ${SHOP.project}`,
    );
    expect(victimCalls()).toEqual([]);
  });

  it("an alert's fix button in a project outside the list is refused at the click", async () => {
    const store = new AlertStore(redis, {
      keyPrefix: `${h.config.IMAGESTREAM_REDIS_PREFIX}:alerts:`,
      destinationFor: alertRoutes({}, 'C0ALERTS09'),
    });
    const outcome = await store.record(
      classified('permission-denied', { insertId: 'scope-a1', project: VICTIM, cluster: 'shop' }),
    );
    if (!('alert' in outcome)) throw new Error(`expected a new alert, got ${outcome.kind}`);
    const before = await jobCount();
    const told = h.slack.waitFor(
      (c) => c.method === 'chat.postEphemeral' && String(c.body.text).includes(`project ${VICTIM}`),
    );
    await h.click({
      action_id: 'imagestream_fix_replace_pool',
      value: outcome.alert.id,
      user_id: APPROVER,
      channel_id: 'C0ALERTS09',
      message_ts: '1700000000.000200',
    });
    expect(String((await told).body.text)).toBe(
      `:no_entry: project ${VICTIM} is not one this bot may touch; allowed: ${SHOP.project}`,
    );
    expect(await jobCount()).toBe(before);
    expect(victimCalls()).toEqual([]);
  });
});

describe('start-up', () => {
  const warnings = async (extra: NodeJS.ProcessEnv): Promise<string[]> => {
    const lines: Array<{ level: number; message: string }> = [];
    const logger = createLogger({
      level: 'warn',
      destination: { write: (l: string) => void lines.push(JSON.parse(l)) },
    });
    const bot = await startHarness(extra, { slack: h.slack, gke: h.gke, logger });
    await bot.stop();
    return lines.map((l) => l.message);
  };

  it('warns when no project allow-list is set, and not when one is', async () => {
    expect(await warnings({})).toContainEqual(expect.stringMatching(/^IMAGESTREAM_ALLOWED_PROJECTS is not set/));
    expect(await warnings({ IMAGESTREAM_ALLOWED_PROJECTS: SHOP.project })).not.toContainEqual(
      expect.stringMatching(/IMAGESTREAM_ALLOWED_PROJECTS/),
    );
  });
});
