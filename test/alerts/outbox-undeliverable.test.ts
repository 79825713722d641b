/**
 * Alerts to a channel Slack will never take them in (the bot is not in it, it does not exist, it
 * is archived): the outbox reports it once (one warn line naming the channel and Slack's error, a
 * metric), keeps the alert, and stops calling Slack for that channel, for this alert and the
 * alerts after it, instead of retrying for ever. Real Redis (BullMQ) and the Slack fake.
 */
import { AccessScope } from '../../src/access/access-scope';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { createOutboxWebClient } from '../../adapters/slack/outbox/outbox-web-client';
import { SlackOutboxSender } from '../../adapters/slack/outbox/slack-outbox-sender';
import { undeliverableChannels } from '../../adapters/slack/outbox/undeliverable-channels';
import { OutboxAlertSource, OutboxOptions, AlertOutbox } from '../../src/alerts/outbox';
import { outboxSenders } from '../../src/alerts/outbox-senders';
import type { ConversationRef, MessageRef } from '../../src/chat/conversation-ref';
import { text } from '../../src/chat/rich-text';
import { readHomeState } from '../../adapters/slack/home/read-home-state';
import { createLogger } from '../../src/logging/logger';
import { BotMetrics } from '../../src/metrics/bot-metrics';
import { FAKE_SLACK_TOKEN, FakeSlack, startFakeSlack } from '../fakes/slack-api';
import { sample } from '../metrics/prom-text';
import { TEST_REDIS } from '../support/redis-url';
import { until } from '../support/until';

interface TestAlert {
  id: string;
  channel: string;
  destination: ConversationRef;
  version: number;
  message?: MessageRef;
  messageTs?: string;
  messageChannel?: string;
}

/** The alert store, in memory. */
class MemoryAlerts implements OutboxAlertSource<TestAlert> {
  readonly alerts = new Map<string, TestAlert>();
  add(id: string, channel: string): void {
    this.alerts.set(id, { id, channel, destination: { platform: 'slack', space: channel }, version: 1 });
  }
  bump(id: string): void {
    this.alerts.get(id)!.version += 1;
  }
  async get(id: string): Promise<TestAlert | null> {
    const alert = this.alerts.get(id);
    return alert ? { ...alert } : null;
  }
  async setMessage(id: string, ref: MessageRef): Promise<void> {
    Object.assign(this.alerts.get(id)!, { message: ref, messageTs: ref.message, messageChannel: ref.space });
  }
}

const NOBOT = 'C0NOBOT001';
const quietSink = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

let fake: FakeSlack;
let redis: Redis;
let outbox: AlertOutbox<TestAlert>;
let inspect: Queue;
let metrics: BotMetrics;
let alerts: MemoryAlerts;
let lines: Array<Record<string, unknown>>;
let start: (options?: Partial<OutboxOptions<TestAlert>>) => void;

beforeEach(async () => {
  fake = await startFakeSlack({ notInChannels: [NOBOT] });
  redis = new Redis({ ...TEST_REDIS, maxRetriesPerRequest: null });
  const prefix = `test:outbox-undeliverable:${randomUUID()}`;
  alerts = new MemoryAlerts();
  metrics = new BotMetrics({ processMetrics: false });
  lines = [];
  inspect = new Queue('outbox', { connection: redis, prefix });
  start = (options = {}) => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(JSON.parse(chunk.toString('utf8')));
        done();
      },
    });
    outbox = new AlertOutbox<TestAlert>({
      connection: redis,
      prefix,
      senders: outboxSenders(
        new SlackOutboxSender(createOutboxWebClient(FAKE_SLACK_TOKEN, fake.apiUrl, { logger: quietSink })),
      ),
      alerts,
      render: (a) => ({ summary: [text(`alert ${a.id}`)], blocks: [] }),
      renderStillHappening: (a, n) => ({ summary: [text(`still ${a.id} ${n}`)], blocks: [] }),
      perSpaceIntervalMs: 20,
      updateIntervalMs: 20,
      retryBaseMs: 10,
      retryMaxMs: 50,
      logger: createLogger({ level: 'info', destination: sink }),
      metrics,
      ...options,
    });
    outbox.startWorker();
  };
});
afterEach(async () => {
  await outbox?.close();
  await inspect.close();
  redis.disconnect();
  await fake.close();
});

const postsTo = (channel: string) => fake.callsOf('chat.postMessage').filter((c) => c.body.channel === channel).length;
const failures = async () =>
  sample((await metrics.scrape()).body, 'imagestream_alert_delivery_failures_total{error="not_in_channel"}') ?? 0;

it('tries a channel the bot is not in once, reports it once, keeps the alerts, spares Slack the later ones, and says so on the Home', async () => {
  start();
  alerts.add('first-alert', NOBOT);
  await outbox.post('first-alert');
  await until(
    async () => (await inspect.getJobCounts('failed')).failed === 1,
    15_000,
    'the post to give up',
    async () => ({
      counts: await inspect.getJobCounts(),
      posts: postsTo(NOBOT),
    }),
  );
  expect(postsTo(NOBOT)).toBe(1);
  expect(await failures()).toBe(1);

  // More alerts for that channel: none reaches Slack, each is counted, and none is retried.
  alerts.add('second-alert', NOBOT);
  alerts.add('third-alert', NOBOT);
  await outbox.post('second-alert');
  await outbox.post('third-alert');
  await until(async () => (await inspect.getJobCounts('failed')).failed === 3, 15_000, 'the later posts to give up');
  expect(postsTo(NOBOT)).toBe(1);
  expect(await failures()).toBe(3);
  expect(await inspect.getJobCounts('waiting', 'delayed', 'active')).toEqual({ waiting: 0, delayed: 0, active: 0 });

  // Reported once, naming the channel and Slack's error; the alerts are still there.
  const reports = lines.filter((l) => l.channel === NOBOT && l.error === 'not_in_channel');
  expect(reports).toHaveLength(1);
  expect(reports[0]!.severity).toBe('WARNING');
  for (const id of ['first-alert', 'second-alert', 'third-alert']) expect(await alerts.get(id)).not.toBeNull();

  // Another channel is not held up by it.
  alerts.add('elsewhere', 'C0ALERTS01');
  await outbox.post('elsewhere');
  await until(() => postsTo('C0ALERTS01') === 1, 15_000, 'the post to another channel');

  // The App Home, which lists the open alerts, says why those are not in their channel.
  const open = [NOBOT, 'C0ALERTS01'].map((channel) => ({
    channel,
    destination: { platform: 'slack', space: channel },
    key: { project: 'acme-prod' },
  }));
  const home = await readHomeState({
    projects: [],
    listClusters: async () => ({ clusters: [], missingZones: [] }),
    approvals: { listPending: async () => [] },
    alerts: { listOpen: async () => open as never },
    undeliverable: undeliverableChannels((spaces) => outbox.undeliverable(spaces)),
    // A viewer in both channels, with no allow-list: what they see is the undelivered note.
    viewer: 'U0VIEWER01',
    channelMembers: async () => new Set(['U0VIEWER01']),
    scope: new AccessScope(),
    logger: { warn: () => undefined },
  });
  expect(home.notes).toEqual([
    expect.stringMatching(new RegExp(`${NOBOT} are not posted: Slack answers not_in_channel`)),
  ]);
});

it('posts a kept alert once its channel takes messages again, on its next update', async () => {
  start({ undeliverableRetryMs: 300 });
  alerts.add('kept-alert', NOBOT);
  await outbox.post('kept-alert');
  await until(async () => (await inspect.getJobCounts('failed')).failed === 1, 15_000, 'the post to give up');

  // The bot is invited; the problem goes on (an update of the alert): the alert is posted after all.
  fake.state.notInChannels = [];
  alerts.bump('kept-alert');
  await outbox.update('kept-alert');
  await until(
    async () => (await alerts.get('kept-alert'))?.messageTs !== undefined,
    15_000,
    'the kept alert to be posted',
  );
  expect(postsTo(NOBOT)).toBe(2);
  expect(await failures()).toBe(1);
});
