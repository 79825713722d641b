/**
 * What the outbox tells a sender so that a retried write lands once (the key of each post and
 * thread reply, the same on every retry), and the platform-wide pacing slot of a platform that
 * limits a whole project (Google Chat: 3,000 writes a minute), shared by every space and replica.
 * Real Redis (BullMQ); the senders here keep their messages in memory, named by key as Chat's
 * client-assigned messageId names them.
 */
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { AlertOutbox } from '../../src/alerts/outbox';
import type { OutboxAlertSource } from '../../src/alerts/outbox-alert-source';
import { outboxKeys } from '../../src/alerts/outbox-keys';
import { acquireSlots } from '../../src/alerts/outbox-pacer';
import { outboxSenders } from '../../src/alerts/outbox-senders';
import type { ConversationRef, MessageRef } from '../../src/chat/conversation-ref';
import type { MessageDocument } from '../../src/chat/message-document';
import type { OutboxSender, SendFailure } from '../../src/chat/outbox-sender';
import { plainText, text } from '../../src/chat/rich-text';
import { UsageError } from '../../src/errors';
import { createLogger } from '../../src/logging/logger';
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

/**
 * A platform that names a message by the client's key, as Chat does with messageId: a create with
 * a key it has seen answers the message made then. `loseAnswers` writes go through and then fail
 * as if the answer had been lost on the way (a timeout), so the outbox retries them.
 */
class KeyedSender implements OutboxSender {
  readonly perSpaceIntervalMs = 1;
  /** Every message in the chat, by key; one per key whatever the retries. */
  readonly messages = new Map<string, string>();
  /** The key of every call, retries included. */
  readonly calls: string[] = [];
  loseAnswers = 0;
  constructor(
    readonly platform: string,
    readonly perPlatformIntervalMs?: number,
  ) {}
  async post(to: ConversationRef, message: MessageDocument, key: string): Promise<MessageRef> {
    this.write(`post ${key}`, `${to.space}: ${plainText(message.summary)}`);
    return { platform: this.platform, space: to.space, message: `m-${key}` };
  }
  async update(): Promise<void> {}
  async replyInThread(ref: MessageRef, message: MessageDocument, key: string): Promise<void> {
    this.write(`reply ${key}`, `${ref.message}: ${plainText(message.summary)}`);
  }
  classify(err: unknown): SendFailure {
    return { kind: 'transient', message: String(err) };
  }
  private write(key: string, body: string): void {
    this.calls.push(key);
    if (!this.messages.has(key)) this.messages.set(key, body);
    if (this.loseAnswers > 0) {
      this.loseAnswers -= 1;
      throw new Error('socket hang up');
    }
  }
}

let redis: Redis;
let prefix: string;
let outbox: AlertOutbox<TestAlert> | undefined;
let inspect: Queue;

beforeEach(() => {
  redis = new Redis({ ...TEST_REDIS, maxRetriesPerRequest: null });
  prefix = `test:outbox-idempotency:${randomUUID()}`;
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

function start(alerts: MemoryAlerts, ...senders: OutboxSender[]): AlertOutbox<TestAlert> {
  outbox = new AlertOutbox<TestAlert>({
    connection: redis,
    prefix,
    senders: outboxSenders(...senders),
    alerts,
    render: (a) => ({ summary: [text(`alert ${a.id}`)], blocks: [] }),
    renderStillHappening: (a, n) => ({ summary: [text(`still ${a.id} ${n}`)], blocks: [] }),
    updateIntervalMs: 10,
    retryBaseMs: 10,
    retryMaxMs: 50,
    logger: createLogger({ level: 'silent' }),
  });
  outbox.startWorker();
  return outbox;
}

it('keys a post by its alert and a "still happening" reply by its alert and window, the same on every retry', async () => {
  const alerts = new MemoryAlerts();
  const chat = new KeyedSender('gchat');
  const box = start(alerts, chat);
  alerts.add('keyed-alert-1', { platform: 'gchat', space: 'spaces/AAAA' });
  // The post lands but its answer is lost, twice: the outbox retries it with the same key.
  chat.loseAnswers = 2;
  await box.post('keyed-alert-1');
  await until(async () => (await alerts.get('keyed-alert-1'))?.message !== undefined, 10_000, 'the post');
  chat.loseAnswers = 1;
  await box.stillHappening('keyed-alert-1', 4, 1_700_000_000_000);
  await box.stillHappening('keyed-alert-1', 2, 1_700_000_600_000);
  await until(() => chat.messages.size === 3, 10_000, 'both replies');
  await until(async () => (await inspect.getActiveCount()) + (await inspect.getWaitingCount()) === 0, 10_000, 'idle');

  expect(chat.calls.filter((c) => c.startsWith('post '))).toEqual([
    'post keyed-alert-1',
    'post keyed-alert-1',
    'post keyed-alert-1',
  ]);
  expect(new Set(chat.calls.filter((c) => c.startsWith('reply ')))).toEqual(
    new Set(['reply keyed-alert-1:1700000000000', 'reply keyed-alert-1:1700000600000']),
  );
  // One message per key: the retried writes landed once.
  expect([...chat.messages.values()].sort()).toEqual([
    'm-keyed-alert-1: still keyed-alert-1 2',
    'm-keyed-alert-1: still keyed-alert-1 4',
    'spaces/AAAA: alert keyed-alert-1',
  ]);
  expect((await alerts.get('keyed-alert-1'))!.message).toEqual({
    platform: 'gchat',
    space: 'spaces/AAAA',
    message: 'm-keyed-alert-1',
  });
});

it('refuses a reply key that could not name a job or a message', async () => {
  const box = start(new MemoryAlerts(), new KeyedSender('gchat'));
  await expect(box.stillHappening('keyed-alert-2', 1, 'a key/with a slash')).rejects.toBeInstanceOf(UsageError);
});

it('paces a platform that limits a whole project across its spaces; other platforms flow', async () => {
  const alerts = new MemoryAlerts();
  // A minute between two writes anywhere on the platform: the second cannot come during the test.
  const chat = new KeyedSender('gchat', 60_000);
  const other = new KeyedSender('text');
  const box = start(alerts, chat, other);
  for (const space of ['spaces/AAAA', 'spaces/BBBB', 'spaces/CCCC'])
    alerts.add(`chat-${space.slice(7)}`, { platform: 'gchat', space });
  for (const space of ['one', 'two']) alerts.add(`text-${space}`, { platform: 'text', space });
  for (const id of alerts.alerts.keys()) await box.post(id);

  await until(() => other.messages.size === 2, 10_000, 'the other platform to post to both its spaces');
  await until(() => chat.messages.size === 1, 10_000, 'one post on the paced platform');
  await until(async () => (await inspect.getDelayedCount()) === 2, 10_000, 'two posts held back');
  expect(chat.messages.size).toBe(1);
  expect(box.stats().paced).toBeGreaterThanOrEqual(2);
  // The slot lives in Redis, so every replica's next write waits for it too.
  expect(await redis.pttl(outboxKeys(prefix).platformPace('gchat'))).toBeGreaterThan(0);
  expect(await redis.exists(outboxKeys(prefix).platformPace('text'))).toBe(0);
});

it('takes a space slot and its platform slot together or not at all', async () => {
  const keys = outboxKeys(prefix);
  const platform = { key: keys.platformPace('gchat'), intervalMs: 60_000 };
  const space = (s: string) => ({ key: keys.spacePace({ platform: 'gchat', space: s }), intervalMs: 60_000 });
  expect(await acquireSlots(redis, [space('spaces/AAAA'), platform])).toBe(0);
  // Another space, free itself, waits for the platform; and is not taken meanwhile.
  expect(await acquireSlots(redis, [space('spaces/BBBB'), platform])).toBeGreaterThan(0);
  expect(await redis.exists(space('spaces/BBBB').key)).toBe(0);
  await redis.del(platform.key);
  expect(await acquireSlots(redis, [space('spaces/BBBB'), platform])).toBe(0);
});
