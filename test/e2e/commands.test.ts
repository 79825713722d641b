/** Every subcommand end to end: signed requests to the real Bolt app, jobs through real Redis, fakes for Slack and GKE. */
import { Queue } from 'bullmq';
import { TEST_REDIS } from '../support/redis-url';
import { Harness, SIGNING_SECRET, messageText, startHarness } from '../support/bot-harness';
import { postSigned, slashCommandBody } from '../support/slack-sign';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

async function jobCount(): Promise<number> {
  const queue = new Queue('jobs', {
    connection: TEST_REDIS,
    prefix: h.config.IMAGESTREAM_REDIS_PREFIX,
  });
  try {
    const counts = await queue.getJobCounts();
    return Object.values(counts).reduce((a, b) => a + b, 0);
  } finally {
    await queue.close();
  }
}

const reply = (responseId: string) =>
  h.slack.waitFor((c) => c.method === 'response_url' && c.responseId === responseId, 10_000);

describe('signature check', () => {
  it('refuses a forged signature with 401 and queues nothing', async () => {
    const before = await jobCount();
    const r = await h.command('status shop', { secret: 'not-the-secret-at-all' });
    expect(r.status).toBe(401);
    expect(await jobCount()).toBe(before);
  });

  it('refuses a timestamp older than 5 minutes with 401 and queues nothing', async () => {
    const before = await jobCount();
    const r = await h.command('status shop', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(r.status).toBe(401);
    expect(await jobCount()).toBe(before);
  });

  it('accepts the right signature', async () => {
    expect(SIGNING_SECRET).toBeTruthy();
    expect((await h.command('help')).status).toBe(200);
  });
});

describe('requests the bot has no listener for', () => {
  const post = (body: string) => postSigned(h.bot.port!, body, { secret: SIGNING_SECRET });

  it('another slash command gets an ephemeral pointer to /imagestream in the ack, and queues nothing', async () => {
    const before = await jobCount();
    const r = await post(
      slashCommandBody({ command: '/rm', text: 'status shop', response_url: h.slack.responseUrl('x') }),
    );
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)).toMatchObject({
      response_type: 'ephemeral',
      text: 'This app answers only `/imagestream`; try `/imagestream help`.',
    });
    expect(await jobCount()).toBe(before);
  });

  it.each([
    [
      'a shortcut',
      { type: 'shortcut', callback_id: 'x', trigger_id: '1.2.abc', user: { id: 'U1' }, team: { id: 'T1' } },
    ],
    [
      'a view submission',
      { type: 'view_submission', user: { id: 'U1' }, team: { id: 'T1' }, view: { id: 'V1', callback_id: 'x' } },
    ],
    ['a click without actions', { type: 'block_actions', user: { id: 'U1' }, team: { id: 'T1' }, actions: [] }],
  ])('%s is acked with an empty 200 (not held until Bolt times it out with a 404)', async (_name, payload) => {
    const r = await post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
    expect(r).toEqual({ status: 200, text: '' });
  });
});

describe('/imagestream help', () => {
  it('lists every subcommand with an example, ephemerally', async () => {
    const r = await h.command('help');
    expect(r.body.response_type).toBe('ephemeral');
    const text = messageText(r.body);
    for (const sub of ['status', 'check', 'memory', 'enable', 'disable', 'verify', 'audit'])
      expect(text).toContain(`/imagestream ${sub}`);
  });
  it('is what an empty command shows', async () => {
    expect(messageText((await h.command('')).body)).toContain('/imagestream enable');
  });
});

describe('wrong input gets an ephemeral usage message naming what was wrong', () => {
  it.each([
    ['frobnicate', /unknown subcommand .{0,4}frobnicate/],
    ['status', /name the cluster/],
    ['status Prod_1', /cluster/],
    ['status shop --zone x', /unknown flag|--zone/],
    ['status shop extra', /one cluster at a time/],
    ['memory n9-mega-3', /machine type/],
    ['check nginx', /invalid image reference/],
    ['check us-docker.pkg.dev/a/b/c --gke-version 1.27', /MAJOR\.MINOR\.PATCH-gke\.BUILD/],
    ['enable shop --pool Bad_Pool', /pool/],
    ['audit lots', /audit takes one number/],
  ])('%s', async (text, why) => {
    const before = await jobCount();
    const r = await h.command(text);
    expect(r.status).toBe(200);
    expect(r.body.response_type).toBe('ephemeral');
    expect(messageText(r.body)).toMatch(why);
    expect(await jobCount()).toBe(before);
  });

  it('says where the default location is missing', async () => {
    const other = await startHarness({ IMAGESTREAM_DEFAULT_LOCATION: '' }, { slack: h.slack, gke: h.gke });
    try {
      expect(messageText((await other.command('status shop')).body)).toContain('--location');
    } finally {
      await other.stop();
    }
  });
});

describe('mutating commands limited to channels', () => {
  it('refuses enable outside the configured channels, ephemerally, and queues nothing', async () => {
    const limited = await startHarness({ IMAGESTREAM_MUTATION_CHANNELS: 'C0PLATFORM' }, { slack: h.slack, gke: h.gke });
    try {
      const r = await limited.command('enable shop', { channel: 'C0RANDOM1' });
      expect(r.body.response_type).toBe('ephemeral');
      expect(messageText(r.body)).toContain('<#C0PLATFORM>');
      const allowed = await limited.command('status shop', { channel: 'C0RANDOM1' });
      expect(messageText(allowed.body)).toMatch(/Reading/);
    } finally {
      await limited.stop();
    }
  });
});

describe('/imagestream memory', () => {
  it('answers in the ack, with no job', async () => {
    const before = await jobCount();
    const r = await h.command('memory n2-standard-8');
    expect(messageText(r.body)).toContain('145.82');
    expect(await jobCount()).toBe(before);
  });
});

describe('/imagestream status', () => {
  it('acks at once, then posts every pool with its setting and warnings to the response URL', async () => {
    const r = await h.command('status shop');
    expect(r.status).toBe(200);
    expect(messageText(r.body)).toMatch(/shop/);
    const posted = await reply(r.responseId);
    const text = messageText(posted.body);
    for (const pool of ['default-pool', 'gpu-pool', 'legacy-pool']) expect(text).toContain(pool);
    expect(text).toMatch(/COS_CONTAINERD|Ubuntu|UBUNTU/);
    expect(posted.body.response_type).toBe('in_channel');
  });

  it('says which cluster does not exist, without a stack trace', async () => {
    const r = await h.command('status nosuch');
    const posted = await reply(r.responseId);
    expect(messageText(posted.body)).toMatch(/not found/);
    expect(messageText(posted.body)).not.toMatch(/\n\s+at /);
  });

  it('names the missing permission on a 403', async () => {
    h.gke.faults.push({
      route: 'clusters.get',
      status: 403,
      times: 1,
      message: 'Required "container.clusters.get" permission(s)',
    });
    const r = await h.command('status shop');
    expect(messageText((await reply(r.responseId)).body)).toContain('container.clusters.get');
  });
});

describe('/imagestream verify', () => {
  it('reports gcfsConfig like gcloud describe and the node label', async () => {
    const r = await h.command('verify shop --pool gpu-pool');
    const text = messageText((await reply(r.responseId)).body);
    expect(text).toContain('gcfsConfig');
    expect(text).toContain('cloud.google.com/gke-image-streaming');
  });
});

describe('/imagestream check', () => {
  it('renders the eligibility report, here unknown because the registry cannot be read', async () => {
    const r = await h.command(
      'check us-east1-docker.pkg.dev/acme-prod/web/frontend:v5 --gke-version 1.27.3-gke.100 --node-location us-east1-b',
    );
    const text = messageText((await reply(r.responseId)).body);
    expect(text).toMatch(/unknown/i);
    expect(text).toContain('symlink-rename');
  });

  it('never reads a file named in Slack', async () => {
    const r = await h.command('check us-docker.pkg.dev/a/b/c --manifest /etc/passwd');
    expect(messageText(r.body)).toMatch(/unknown flag|--manifest/);
  });
});
