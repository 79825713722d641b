/** BotMetrics on its own: label values stay bounded, and a scrape answers even when Redis does not. */
import { Queue } from 'bullmq';
import { TEST_REDIS } from '../support/redis-url';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { BotMetrics, QUEUE_STATES } from '../../src/metrics/bot-metrics';
import { sample, seriesOf } from './prom-text';

describe('BotMetrics', () => {
  it('counts commands by known subcommand and never makes a label of what the user typed', async () => {
    const m = new BotMetrics({ processMetrics: false });
    m.command('status', 'ok', 0.004);
    m.command('status', 'ok', 0.02);
    m.command('enable', 'refused', 0.003);
    m.command('<script>alert(1)</script> rm -rf', 'usage_error', 0.001);

    const { contentType, body } = await m.scrape();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(body, 'imagestream_commands_total{subcommand="status",outcome="ok"}')).toBe(2);
    expect(sample(body, 'imagestream_commands_total{subcommand="enable",outcome="refused"}')).toBe(1);
    expect(sample(body, 'imagestream_commands_total{subcommand="unknown",outcome="usage_error"}')).toBe(1);
    expect(body).not.toContain('script');
    expect(sample(body, 'imagestream_command_ack_seconds_count{subcommand="status"}')).toBe(2);
    // Millisecond buckets: a 4 ms ack is told apart from a 20 ms one.
    expect(sample(body, 'imagestream_command_ack_seconds_bucket{le="0.005",subcommand="status"}')).toBe(1);
    expect(sample(body, 'imagestream_command_ack_seconds_bucket{le="0.025",subcommand="status"}')).toBe(2);
  });

  it('records job durations, and failures with whether the job gave up', async () => {
    const m = new BotMetrics({ processMetrics: false });
    m.jobFinished({ name: 'status', processedOn: 10_000, finishedOn: 10_500 }, 'completed');
    // A retried attempt has no finishedOn; the last one has.
    m.jobFinished({ name: 'apply', processedOn: Date.now() - 100 }, 'failed');
    m.jobFinished({ name: 'apply', processedOn: 20_000, finishedOn: 22_000 }, 'failed');
    m.jobFinished({ name: 'made-up-by-someone', processedOn: 1, finishedOn: 2 }, 'failed');
    // A stalled job that was lost: BullMQ reports no job at all.
    m.jobFinished(undefined, 'failed');
    // The outbox's jobs are told apart from the command jobs of the same name space.
    m.jobFinished({ name: 'update', processedOn: 1, finishedOn: 2 }, 'failed', 'outbox');
    m.jobFinished({ name: 'status', processedOn: 1, finishedOn: 2 }, 'failed', 'outbox');

    const { body } = await m.scrape();
    expect(sample(body, 'imagestream_job_duration_seconds_sum{job="status",outcome="completed"}')).toBe(0.5);
    expect(sample(body, 'imagestream_job_duration_seconds_count{job="apply",outcome="failed"}')).toBe(2);
    expect(sample(body, 'imagestream_job_failures_total{job="apply",final="false"}')).toBe(1);
    expect(sample(body, 'imagestream_job_failures_total{job="apply",final="true"}')).toBe(1);
    expect(sample(body, 'imagestream_job_failures_total{job="outbox_update",final="true"}')).toBe(1);
    expect(sample(body, 'imagestream_job_failures_total{job="unknown",final="true"}')).toBe(2);
    expect(sample(body, 'imagestream_job_failures_total{job="unknown",final="false"}')).toBe(1);
    expect(body).not.toContain('made-up-by-someone');
  });

  it('counts alerts and Pub/Sub messages', async () => {
    const m = new BotMetrics({ processMetrics: false });
    m.alertSent('posted');
    m.alertSent('updated');
    m.alertSent('updated');
    m.alertSent('replied');
    m.alertDeduplicated();
    m.pubsub.received();
    m.pubsub.received();
    m.pubsub.poison();
    m.pubsub.acked();

    const { body } = await m.scrape();
    expect(sample(body, 'imagestream_alerts_posted_total')).toBe(1);
    expect(sample(body, 'imagestream_alerts_updated_total')).toBe(2);
    expect(sample(body, 'imagestream_alerts_still_happening_total')).toBe(1);
    expect(sample(body, 'imagestream_alerts_deduplicated_total')).toBe(1);
    expect(sample(body, 'imagestream_pubsub_messages_received_total')).toBe(2);
    expect(sample(body, 'imagestream_pubsub_messages_acked_total')).toBe(1);
    expect(sample(body, 'imagestream_pubsub_messages_poison_total')).toBe(1);
  });

  it('keeps each bot apart (one registry each) and adds the process metrics', async () => {
    const a = new BotMetrics();
    const b = new BotMetrics();
    a.command('help', 'ok', 0.001);
    const [bodyA, bodyB] = [(await a.scrape()).body, (await b.scrape()).body];
    expect(sample(bodyA, 'imagestream_commands_total{subcommand="help",outcome="ok"}')).toBe(1);
    expect(sample(bodyB, 'imagestream_commands_total{subcommand="help",outcome="ok"}')).toBeUndefined();
    for (const body of [bodyA, bodyB]) {
      expect(body).toContain('process_cpu_user_seconds_total');
      expect(body).toContain('nodejs_eventloop_lag_seconds');
    }
  });
});

describe('queue depth', () => {
  const prefix = `test-metrics-${randomUUID()}`;
  let queue: Queue;
  let down: Queue;
  let nowhere: Redis;
  beforeAll(() => {
    queue = new Queue('jobs', { connection: TEST_REDIS, prefix });
    // Nothing listens on port 1: the connection keeps retrying and commands wait, as with Redis down.
    // disconnectTimeout 0: ioredis would otherwise hold a 2 s timer for a socket that already closed.
    nowhere = new Redis({
      host: '127.0.0.1',
      port: 1,
      maxRetriesPerRequest: null,
      retryStrategy: () => 200,
      disconnectTimeout: 0,
    });
    nowhere.on('error', () => undefined);
    down = new Queue('jobs', { connection: nowhere, prefix });
    down.on('error', () => undefined);
  });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    // Not down.close(): it would wait for a connection that never comes.
    nowhere.disconnect();
  });

  it('reads the counts by state from Redis at scrape time', async () => {
    const m = new BotMetrics({ processMetrics: false });
    m.watchQueue('jobs', () => queue.getJobCounts(...QUEUE_STATES));
    await queue.add('status', {});
    await queue.add('verify', {});
    await queue.add('expire', {}, { delay: 3_600_000 });

    let { body } = await m.scrape();
    expect(sample(body, 'imagestream_queue_jobs{queue="jobs",state="waiting"}')).toBe(2);
    expect(sample(body, 'imagestream_queue_jobs{queue="jobs",state="delayed"}')).toBe(1);
    expect(sample(body, 'imagestream_queue_jobs{queue="jobs",state="active"}')).toBe(0);
    expect(sample(body, 'imagestream_queue_up{queue="jobs"}')).toBe(1);

    await queue.add('check', {});
    ({ body } = await m.scrape());
    expect(sample(body, 'imagestream_queue_jobs{queue="jobs",state="waiting"}')).toBe(3);
  });

  it('still answers when Redis does not: the queue says up 0 and shows no stale numbers', async () => {
    const m = new BotMetrics({ processMetrics: false, queueTimeoutMs: 300 });
    m.watchQueue('jobs', () => queue.getJobCounts(...QUEUE_STATES));
    m.watchQueue('outbox', () => down.getJobCounts(...QUEUE_STATES));
    m.command('help', 'ok', 0.001);

    const { body } = await m.scrape();
    expect(sample(body, 'imagestream_queue_up{queue="outbox"}')).toBe(0);
    expect(seriesOf(body, 'imagestream_queue_jobs').filter((l) => l.includes('queue="outbox"'))).toEqual([]);
    // The rest of the exposition is intact.
    expect(sample(body, 'imagestream_queue_up{queue="jobs"}')).toBe(1);
    expect(sample(body, 'imagestream_commands_total{subcommand="help",outcome="ok"}')).toBe(1);
  });
});
