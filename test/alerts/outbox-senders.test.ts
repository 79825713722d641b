/**
 * The outbox is platform-free: it hands documents to the sender of each destination's platform
 * and records the message reference that sender answers. A destination whose platform has no
 * sender is given up like a channel the bot is not in (counted, reported once). Real Redis (BullMQ).
 */
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { AlertOutbox } from '../../src/alerts/outbox';
import type { OutboxAlertSource } from '../../src/alerts/outbox-alert-source';
import { outboxKeys } from '../../src/alerts/outbox-keys';
import { outboxSenders } from '../../src/alerts/outbox-senders';
import type { ConversationRef, MessageRef } from '../../src/chat/conversation-ref';
import { plainText, text } from '../../src/chat/rich-text';
import type { MessageDocument } from '../../src/chat/message-document';
import type { OutboxSender, SendFailure } from '../../src/chat/outbox-sender';
import { UsageError } from '../../src/errors';
import { createLogger } from '../../src/logging/logger';
import { BotMetrics } from '../../src/metrics/bot-metrics';
import { sample } from '../metrics/prom-text';
import { TEST_REDIS } from '../support/redis-url';
import { until } from '../support/until';

interface TestAlert {
  id: string;
  destination: ConversationRef;
  version: number;
  message?: MessageRef;
}

class MemoryAlerts implements OutboxAlertSource<TestAlert> {
  readonly alerts = new Map<string, TestAlert>();
  add(id: string, destination: ConversationRef): void {
    this.alerts.set(id, { id, destination, version: 1 });
  }
  async get(id: string): Promise<TestAlert | null> {
    const alert = this.alerts.get(id);
    return alert ? { ...alert } : null;
  }
  async setMessage(id: string, ref: MessageRef): Promise<void> {
    this.alerts.get(id)!.message = ref;
  }
}

/** A plain-text platform: keeps what it was sent, as lines. */
class TextSender implements OutboxSender {
  readonly platform = 'text';
  readonly perSpaceIntervalMs = 10;
  readonly sent: string[] = [];
  private next = 0;
  async post(to: ConversationRef, message: MessageDocument): Promise<MessageRef> {
    this.next += 1;
    this.sent.push(`post ${to.space}: ${plainText(message.summary)}`);
    return { platform: this.platform, space: to.space, message: `m${this.next}` };
  }
  async update(ref: MessageRef, message: MessageDocument): Promise<void> {
    this.sent.push(`update ${ref.space}/${ref.message}: ${plainText(message.summary)}`);
  }
  async replyInThread(ref: MessageRef, message: MessageDocument): Promise<void> {
    this.sent.push(`reply ${ref.space}/${ref.message}: ${plainText(message.summary)}`);
  }
  classify(err: unknown): SendFailure {
    return { kind: 'transient', message: String(err) };
  }
}

let redis: Redis;
let prefix: string;
let outbox: AlertOutbox<TestAlert> | undefined;
let inspect: Queue;

beforeEach(() => {
  redis = new Redis({ ...TEST_REDIS, maxRetriesPerRequest: null });
  prefix = `test:outbox-senders:${randomUUID()}`;
  inspect = new Queue('outbox', { connection: redis, prefix });
});
afterEach(async () => {
  await outbox?.close();
  outbox = undefined;
  await inspect.obliterate({ force: true });
  await inspect.close();
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

function start(alerts: MemoryAlerts, sender: OutboxSender, extra: { metrics?: BotMetrics; lines?: unknown[] } = {}) {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      extra.lines?.push(JSON.parse(chunk.toString('utf8')));
      done();
    },
  });
  outbox = new AlertOutbox<TestAlert>({
    connection: redis,
    prefix,
    senders: outboxSenders(sender),
    alerts,
    render: (a) => ({ summary: [text(`alert ${a.id} v${a.version}`)], blocks: [] }),
    renderStillHappening: (a, n) => ({ summary: [text(`still ${a.id} ${n}`)], blocks: [] }),
    updateIntervalMs: 10,
    retryBaseMs: 10,
    retryMaxMs: 50,
    logger: createLogger({ level: 'info', destination: sink }),
    ...(extra.metrics ? { metrics: extra.metrics } : {}),
  });
  outbox.startWorker();
  return outbox;
}

it('posts, updates and replies through the sender of the destination platform, and records its reference', async () => {
  const alerts = new MemoryAlerts();
  const sender = new TextSender();
  const box = start(alerts, sender);
  alerts.add('text-alert-1', { platform: 'text', space: 'ops' });
  await box.post('text-alert-1');
  await until(async () => (await alerts.get('text-alert-1'))?.message !== undefined, 10_000, 'the post');
  alerts.alerts.get('text-alert-1')!.version = 2;
  await box.update('text-alert-1');
  await box.stillHappening('text-alert-1', 3, 'w1');
  await until(() => sender.sent.length === 3, 10_000, 'the update and the reply');
  expect((await alerts.get('text-alert-1'))!.message).toEqual({ platform: 'text', space: 'ops', message: 'm1' });
  expect([...sender.sent].sort()).toEqual([
    'post ops: alert text-alert-1 v1',
    'reply ops/m1: still text-alert-1 3',
    'update ops/m1: alert text-alert-1 v2',
  ]);
});

it('gives up a destination whose platform has no sender: counted each time, reported once, others flow', async () => {
  const alerts = new MemoryAlerts();
  const sender = new TextSender();
  const metrics = new BotMetrics({ processMetrics: false });
  const lines: Array<Record<string, unknown>> = [];
  const box = start(alerts, sender, { metrics, lines });
  alerts.add('elsewhere-1', { platform: 'gchat', space: 'spaces/AAAA' });
  alerts.add('elsewhere-2', { platform: 'gchat', space: 'spaces/AAAA' });
  alerts.add('text-alert-2', { platform: 'text', space: 'ops' });
  for (const id of ['elsewhere-1', 'elsewhere-2', 'text-alert-2']) await box.post(id);
  await until(async () => (await inspect.getFailedCount()) === 2, 10_000, 'both posts to give up');
  await until(() => sender.sent.length === 1, 10_000, 'the other post');
  const failures = sample(
    (await metrics.scrape()).body,
    'imagestream_alert_delivery_failures_total{error="no_sender"}',
  );
  expect(failures).toBe(2);
  expect(lines.filter((l) => l.channel === 'spaces/AAAA' && l.error === 'no_sender')).toHaveLength(1);
  expect(await box.undeliverable([{ platform: 'gchat', space: 'spaces/AAAA' }])).toEqual([
    { space: { platform: 'gchat', space: 'spaces/AAAA' }, reason: 'no_sender' },
  ]);
});

it('records a post the platform took before the chat seam from its old {channel, ts} record, without posting again', async () => {
  const alerts = new MemoryAlerts();
  const sender = new TextSender();
  const box = start(alerts, sender);
  alerts.add('slack-era-1', { platform: 'slack', space: 'C0ALERTS01' });
  await redis.set(
    outboxKeys(prefix).posted('slack-era-1'),
    JSON.stringify({ channel: 'C0ALERTS01', ts: '1700000000.000100' }),
  );
  await box.post('slack-era-1');
  await until(async () => (await alerts.get('slack-era-1'))?.message !== undefined, 10_000, 'the recorded post');
  expect((await alerts.get('slack-era-1'))!.message).toEqual({
    platform: 'slack',
    space: 'C0ALERTS01',
    message: '1700000000.000100',
  });
  expect(sender.sent).toEqual([]);
});

it('refuses two senders for one platform', () => {
  expect(() => outboxSenders(new TextSender(), new TextSender())).toThrow(UsageError);
});
