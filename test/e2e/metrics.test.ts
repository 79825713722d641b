/**
 * GET /metrics on the real bot: commands, jobs, queue depth and Slack 429s after real traffic
 * (signed requests to Bolt, jobs through Redis, the GKE and Slack fakes), and the alert pipeline's
 * counters after log entries go through Google's Pub/Sub server (pstest).
 */
import { PubSub } from '@google-cloud/pubsub';
import { sinkEntry } from '../alerts/sink-entries';
import { sample } from '../metrics/prom-text';
import { Harness, startHarness } from '../support/bot-harness';
import { Pstest, startPstest } from '../support/pstest';

jest.setTimeout(120_000);

async function scrape(h: Harness): Promise<{ status: number; contentType: string | null; body: string }> {
  const res = await fetch(`http://127.0.0.1:${h.bot.port}/metrics`);
  return { status: res.status, contentType: res.headers.get('content-type'), body: await res.text() };
}

/** Scrapes until `series` reaches `atLeast` (no timing is asserted: the deadline turns a hang into a failure). */
async function untilSample(h: Harness, series: string, atLeast: number, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await scrape(h);
    if ((sample(body, series) ?? 0) >= atLeast) return body;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${series} >= ${atLeast}; last:\n${body}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('/metrics after commands and jobs', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  const reply = (responseId: string) =>
    h.slack.waitFor((c) => c.method === 'response_url' && c.responseId === responseId, 15_000);

  it('serves the Prometheus text format on the Slack HTTP port', async () => {
    const r = await scrape(h);
    expect(r.status).toBe(200);
    expect(r.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(r.body).toContain('# TYPE imagestream_commands_total counter');
    expect(r.body).toContain('process_resident_memory_bytes');
  });

  it('counts a status command, times its ack, and records its job', async () => {
    const r = await h.command('status shop');
    expect(r.status).toBe(200);
    await reply(r.responseId);

    const body = await untilSample(h, 'imagestream_job_duration_seconds_count{job="status",outcome="completed"}', 1);
    expect(sample(body, 'imagestream_commands_total{subcommand="status",outcome="ok"}')).toBe(1);
    expect(sample(body, 'imagestream_command_ack_seconds_count{subcommand="status"}')).toBe(1);
    expect(sample(body, 'imagestream_job_duration_seconds_count{job="status",outcome="completed"}')).toBe(1);
    expect(sample(body, 'imagestream_queue_up{queue="jobs"}')).toBe(1);
    expect(sample(body, 'imagestream_queue_jobs{queue="jobs",state="completed"}')).toBe(1);
    expect(sample(body, 'imagestream_queue_up{queue="outbox"}')).toBe(1);
  });

  it('counts bad input under its outcome, and unknown subcommands without the typed text', async () => {
    await h.command('status Prod_1');
    await h.command('frobnicate-secret-words');
    const { body } = await scrape(h);
    expect(sample(body, 'imagestream_commands_total{subcommand="status",outcome="usage_error"}')).toBe(1);
    expect(sample(body, 'imagestream_commands_total{subcommand="unknown",outcome="usage_error"}')).toBe(1);
    expect(body).not.toContain('frobnicate');
  });

  it('counts a job that fails (GKE answers 403) and shows it in the queue depth', async () => {
    h.gke.faults.push({ route: 'clusters.get', status: 403, times: 1, message: 'Required "container.clusters.get"' });
    const r = await h.command('status shop');
    await reply(r.responseId);

    const body = await untilSample(h, 'imagestream_job_failures_total{job="status",final="true"}', 1);
    expect(sample(body, 'imagestream_job_failures_total{job="status",final="true"}')).toBe(1);
    expect(sample(body, 'imagestream_job_duration_seconds_count{job="status",outcome="failed"}')).toBe(1);
    expect(sample(body, 'imagestream_queue_jobs{queue="jobs",state="failed"}')).toBe(1);
  });

  it('counts a 429 from Slack by method', async () => {
    h.slack.failNext('chat.postMessage', 1, { status: 429, retryAfter: 1 });
    const before = h.slack.callsOf('chat.postMessage').length;
    const r = await h.command('enable shop --pool legacy-pool');
    expect(r.status).toBe(200);
    await h.slack.waitFor((c) => c.method === 'chat.postMessage' && h.slack.callsOf(c.method).length > before, 15_000);

    const { body } = await scrape(h);
    expect(sample(body, 'imagestream_slack_rate_limited_total{method="chat.postMessage"}')).toBe(1);
    expect(sample(body, 'imagestream_commands_total{subcommand="enable",outcome="ok"}')).toBe(1);
  });
});

describe('/metrics after gcfsd log entries arrive over Pub/Sub', () => {
  let pstest: Pstest;
  let pubsub: PubSub;
  let h: Harness;
  beforeAll(async () => {
    pstest = await startPstest();
    process.env.PUBSUB_EMULATOR_HOST = pstest.host;
    pubsub = new PubSub({ projectId: 'test-project' });
    const [topic] = await pubsub.createTopic('gcfsd-metrics');
    await topic.createSubscription('gcfsd-metrics-bot', { ackDeadlineSeconds: 30 });
    h = await startHarness({
      PUBSUB_SUBSCRIPTION: 'gcfsd-metrics-bot',
      ALERT_CHANNEL: 'C0ALERTS01',
      GOOGLE_CLOUD_PROJECT: 'test-project',
      IMAGESTREAM_ALERT_UPDATE_SECONDS: '0.2',
    });
  }, 180_000);
  afterAll(async () => {
    await h?.stop();
    await pubsub?.close();
    delete process.env.PUBSUB_EMULATOR_HOST;
    await pstest?.stop();
  });

  const publish = (data: string | object) =>
    pubsub
      .topic('gcfsd-metrics')
      .publishMessage({ data: Buffer.from(typeof data === 'string' ? data : JSON.stringify(data)) });

  it('counts messages received, acked and poison, alerts posted and updated, and duplicates', async () => {
    const first = sinkEntry('quota-exceeded', { insertId: 'm1', node: 'gke-prod-east-pool-1-abcd-0001' });
    await publish(first);
    await untilSample(h, 'imagestream_alerts_posted_total', 1);
    // Pub/Sub redelivers, overlapping sinks duplicate: the same insertId again.
    await publish(first);
    await publish('not json at all');
    await untilSample(h, 'imagestream_pubsub_messages_acked_total', 3);
    // The same problem from another node updates the posted alert.
    await publish(sinkEntry('quota-exceeded', { insertId: 'm2', node: 'gke-prod-east-pool-1-abcd-0002' }));
    const body = await untilSample(h, 'imagestream_alerts_updated_total', 1);

    expect(sample(body, 'imagestream_pubsub_messages_received_total')).toBe(4);
    expect(sample(body, 'imagestream_pubsub_messages_acked_total')).toBe(4);
    expect(sample(body, 'imagestream_pubsub_messages_poison_total')).toBe(1);
    expect(sample(body, 'imagestream_alerts_deduplicated_total')).toBe(1);
    expect(sample(body, 'imagestream_alerts_posted_total')).toBe(1);
    expect(sample(body, 'imagestream_alerts_updated_total')).toBe(1);
  });
});
