/**
 * The Slack outbox against real Redis (BullMQ) and the Slack fake, through the real Web API
 * client. Intervals are tiny so the suite is quick; assertions are about order and counts.
 */
import { Queue } from 'bullmq';
import { TEST_REDIS } from '../support/redis-url';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { createOutboxWebClient } from '../../adapters/slack/outbox/outbox-web-client';
import { SlackOutboxSender } from '../../adapters/slack/outbox/slack-outbox-sender';
import { OutboxAlertSource, OutboxOptions, AlertOutbox } from '../../src/alerts/outbox';
import { outboxSenders } from '../../src/alerts/outbox-senders';
import type { ConversationRef, MessageRef } from '../../src/chat/conversation-ref';
import type { MessageDocument } from '../../src/chat/message-document';
import { bold, text } from '../../src/chat/rich-text';
import { createLogger } from '../../src/logging/logger';
import { BotMetrics } from '../../src/metrics/bot-metrics';
import { sample } from '../metrics/prom-text';
import { FAKE_SLACK_TOKEN, FakeSlack, SlackCall, startFakeSlack } from '../fakes/slack-api';

interface TestAlert {
  id: string;
  channel: string;
  destination: ConversationRef;
  version: number;
  message?: MessageRef;
  messageTs?: string;
  messageChannel?: string;
  title: string;
}

/** The alert store, in memory: what the outbox reads and where it records the post. */
class MemoryAlerts implements OutboxAlertSource<TestAlert> {
  readonly alerts = new Map<string, TestAlert>();
  readonly setMessages: Array<{ id: string; channel: string; ts: string }> = [];

  add(id: string, channel = 'C0ALERTS'): TestAlert {
    const alert = {
      id,
      channel,
      destination: { platform: 'slack', space: channel },
      version: 1,
      title: `problem ${id}`,
    };
    this.alerts.set(id, alert);
    return alert;
  }

  bump(id: string): number {
    const alert = this.alerts.get(id)!;
    alert.version += 1;
    return alert.version;
  }

  async get(id: string): Promise<TestAlert | null> {
    const alert = this.alerts.get(id);
    return alert ? { ...alert } : null;
  }

  async setMessage(id: string, ref: MessageRef): Promise<void> {
    this.setMessages.push({ id, channel: ref.space, ts: ref.message });
    const alert = this.alerts.get(id)!;
    alert.message = ref;
    alert.messageTs = ref.message;
    alert.messageChannel = ref.space;
  }
}

const silent = createLogger({ level: 'silent' });
const quietSink = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

const render = (a: TestAlert): MessageDocument => ({
  summary: [text(`alert ${a.id} v${a.version}`)],
  blocks: [{ type: 'text', text: [bold(a.title), text(` (v${a.version})`)] }],
});
const renderStillHappening = (a: TestAlert, count: number): MessageDocument => ({
  summary: [text(`still happening: ${a.id} ${count} more`)],
  blocks: [{ type: 'context', text: [text(`${count} more`)] }],
});

/** The alert id a recorded call is about, from the text the test renderers write. */
const alertOf = (call: SlackCall): string => /^(?:alert|still happening:) (\S+)/.exec(String(call.body.text))![1]!;
const isPost = (c: SlackCall): boolean => c.method === 'chat.postMessage' && c.body.thread_ts === undefined;
const isReply = (c: SlackCall): boolean => c.method === 'chat.postMessage' && c.body.thread_ts !== undefined;

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('AlertOutbox', () => {
  let fake: FakeSlack;
  let redis: Redis;
  let prefix: string;
  let alerts: MemoryAlerts;
  let inspect: Queue;
  const outboxes: AlertOutbox<TestAlert>[] = [];

  const makeOutbox = (options: Partial<OutboxOptions<TestAlert>> = {}): AlertOutbox<TestAlert> => {
    const outbox = new AlertOutbox<TestAlert>({
      connection: redis,
      prefix,
      senders: outboxSenders(
        new SlackOutboxSender(createOutboxWebClient(FAKE_SLACK_TOKEN, fake.apiUrl, { logger: quietSink })),
      ),
      alerts,
      render,
      renderStillHappening,
      perSpaceIntervalMs: 50,
      updateIntervalMs: 100,
      retryBaseMs: 20,
      retryMaxMs: 200,
      logger: silent,
      ...options,
    });
    outboxes.push(outbox);
    return outbox;
  };

  /** True when no outbox job is waiting, delayed or running. */
  const drained = async (): Promise<boolean> => {
    const counts = await inspect.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
    return Object.values(counts).every((n) => n === 0);
  };

  beforeEach(async () => {
    fake = await startFakeSlack();
    redis = new Redis({ ...TEST_REDIS, maxRetriesPerRequest: null });
    prefix = `test:outbox:${randomUUID()}`;
    alerts = new MemoryAlerts();
    inspect = new Queue('outbox', { connection: redis, prefix });
  });

  afterEach(async () => {
    for (const outbox of outboxes.splice(0)) await outbox.close();
    await inspect.obliterate({ force: true });
    await inspect.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await fake.close();
  });

  it('posts each alert once, even when post() is called again, and records where it went', async () => {
    const outbox = makeOutbox();
    outbox.startWorker();
    for (const id of ['a', 'b', 'c']) alerts.add(id);
    for (const id of ['a', 'b', 'c', 'a', 'b']) await outbox.post(id);
    await until(() => alerts.setMessages.length === 3, 'three posts');
    await until(drained, 'an idle outbox');
    await outbox.post('a'); // after the fact: the alert has its message, nothing is posted
    await until(drained, 'an idle outbox');

    expect(fake.callsOf('chat.postMessage').map(alertOf).sort()).toEqual(['a', 'b', 'c']);
    expect(fake.callsOf('chat.postMessage')[0]!.body).toMatchObject({ channel: 'C0ALERTS' });
    for (const id of ['a', 'b', 'c']) expect(alerts.alerts.get(id)!.messageTs).toMatch(/^\d+\.\d{6}$/);
    expect(outbox.stats()).toMatchObject({ posted: 3, updated: 0, replies: 0 });
  });

  it('coalesces 200 updates of one alert into a few chat.update calls, the last showing the latest version', async () => {
    const outbox = makeOutbox();
    outbox.startWorker();
    alerts.add('storm');
    await outbox.post('storm');
    let latest = 1;
    for (let i = 0; i < 200; i += 1) {
      latest = alerts.bump('storm');
      await outbox.update('storm');
    }
    await until(() => fake.callsOf('chat.update').some((c) => c.body.text === `alert storm v${latest}`), 'the latest');
    await until(drained, 'an idle outbox');

    const updates = fake.callsOf('chat.update');
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates.length).toBeLessThanOrEqual(6);
    expect(updates[updates.length - 1]!.body).toMatchObject({
      text: `alert storm v${latest}`,
      channel: 'C0ALERTS',
      ts: alerts.alerts.get('storm')!.messageTs,
    });
    // Versions only go up: no update shows an older state than the one before it.
    const versions = updates.map((c) => Number(/v(\d+)$/.exec(String(c.body.text))![1]));
    expect([...versions].sort((x, y) => x - y)).toEqual(versions);
    expect(outbox.stats().coalesced).toBeGreaterThanOrEqual(200 - 6);
    expect(outbox.stats().updated).toBe(updates.length);
  });

  it('marks the updates asked for in one turn pending in one round trip; a second ask for an alert coalesces', async () => {
    const outbox = makeOutbox();
    for (const id of ['a', 'b', 'c']) alerts.add(id);
    const calls = jest.spyOn(redis, 'evalsha');
    // A subscriber's batch updates each alert it touched at once, in one turn.
    await Promise.all(['a', 'b', 'c', 'a'].map((id) => outbox.update(id)));
    expect(calls).toHaveBeenCalledTimes(1);
    calls.mockRestore();
    expect(outbox.stats().coalesced).toBe(1);
    const queued = await inspect.getJobs(['waiting', 'delayed', 'prioritized']);
    expect(queued.map((job) => job.data.alertId).sort()).toEqual(['a', 'b', 'c']);
    // Asked again in a later turn while pending: absorbed, nothing more queued.
    await outbox.update('b');
    expect(outbox.stats().coalesced).toBe(2);
  });

  it('queues another update when the alert changed while one was being sent', async () => {
    let changedDuringSend = false;
    const outbox = makeOutbox({
      render: (a) => {
        // A new entry lands while v2 is on its way to Slack, and nobody calls update().
        if (a.version === 2 && !changedDuringSend) {
          changedDuringSend = true;
          alerts.bump(a.id);
        }
        return render(a);
      },
    });
    outbox.startWorker();
    alerts.add('x');
    await outbox.post('x');
    await until(() => alerts.setMessages.length === 1, 'the post');
    alerts.bump('x');
    await outbox.update('x');
    await until(() => fake.callsOf('chat.update').length === 2, 'two updates');
    await until(drained, 'an idle outbox');
    expect(fake.callsOf('chat.update').map((c) => c.body.text)).toEqual(['alert x v2', 'alert x v3']);
  });

  it('sends one update of a message at a time, so a slow answer cannot leave Slack showing an older version', async () => {
    const outbox = makeOutbox();
    outbox.startWorker();
    alerts.add('slow');
    await outbox.post('slow');
    await until(() => alerts.setMessages.length === 1, 'the post');
    // v2 goes out and Slack sits on it for 1.5 s; v3 arrives meanwhile, well past both intervals.
    fake.slowNext('chat.update', 1, 1500);
    alerts.bump('slow');
    await outbox.update('slow');
    await until(async () => (await inspect.getActiveCount()) === 1, 'the v2 update in flight');
    await new Promise((resolve) => setTimeout(resolve, 300));
    alerts.bump('slow');
    await outbox.update('slow');
    await until(() => fake.callsOf('chat.update').some((c) => c.body.text === 'alert slow v3'), 'v3', 10_000);
    await until(drained, 'an idle outbox');

    // What Slack applied, in order: the last one is what the channel shows.
    expect(fake.callsOf('chat.update').map((c) => c.body.text)).toEqual(['alert slow v2', 'alert slow v3']);
  });

  it('an update that fails for good does not swallow the later updates of its alert', async () => {
    const outbox = makeOutbox();
    outbox.startWorker();
    alerts.add('x');
    await outbox.post('x');
    await until(() => alerts.setMessages.length === 1, 'the post');
    // The stored alert is unreadable for a moment: that update job fails for good.
    (alerts.alerts.get('x') as unknown as { version: unknown }).version = 'not a number';
    await outbox.update('x');
    await until(async () => (await inspect.getFailedCount()) === 1, 'the failed update');
    alerts.alerts.get('x')!.version = 2;
    await outbox.update('x');
    await until(() => fake.callsOf('chat.update').length === 1, 'the next update');
    expect(fake.callsOf('chat.update')[0]!.body.text).toBe('alert x v2');
  });

  it('holds an update and a thread reply queued before the post until the post is done', async () => {
    const outbox = makeOutbox();
    outbox.startWorker();
    alerts.add('early');
    alerts.bump('early');
    await outbox.update('early');
    await outbox.stillHappening('early', 7);
    // Both have run once and found no message to work on.
    await until(async () => (await inspect.getDelayedCount()) === 2, 'two waiting jobs');
    expect(fake.calls).toHaveLength(0);

    alerts.bump('early');
    await outbox.post('early');
    await until(() => fake.calls.length === 2, 'the post and the reply');
    await until(drained, 'an idle outbox');

    const [post, ...rest] = fake.calls;
    expect(isPost(post!)).toBe(true);
    expect(post!.body.text).toBe('alert early v3');
    const ts = alerts.alerts.get('early')!.messageTs;
    expect(rest.filter(isReply).map((c) => c.body)).toEqual([
      expect.objectContaining({ thread_ts: ts, channel: 'C0ALERTS', text: 'still happening: early 7 more' }),
    ]);
    // The post already showed v3, the state the update would have shown: no chat.update needed.
    expect(fake.callsOf('chat.update')).toHaveLength(0);
  });

  it('replies in the thread once per key', async () => {
    const outbox = makeOutbox();
    outbox.startWorker();
    alerts.add('w');
    await outbox.post('w');
    await outbox.stillHappening('w', 3, 1000);
    await outbox.stillHappening('w', 3, 1000);
    await outbox.stillHappening('w', 9, 2000);
    await until(() => fake.calls.filter(isReply).length === 2, 'two replies');
    await until(drained, 'an idle outbox');
    // Two replies of one alert queued together may arrive in either order (windows are minutes apart).
    expect(
      fake.calls
        .filter(isReply)
        .map((c) => c.body.text)
        .sort(),
    ).toEqual(['still happening: w 3 more', 'still happening: w 9 more']);
    expect(outbox.stats().replies).toBe(2);
  });

  it('paces each channel on its own: a busy channel waits, the others do not', async () => {
    // A minute between messages per channel: the second message to a channel cannot come during the test.
    const outbox = makeOutbox({ perSpaceIntervalMs: 60_000 });
    outbox.startWorker();
    for (const id of ['busy-1', 'busy-2', 'busy-3']) alerts.add(id, 'C0BUSY');
    alerts.add('quiet-1', 'C0QUIET');
    alerts.add('other-1', 'C0OTHER');
    for (const id of ['busy-1', 'busy-2', 'busy-3', 'quiet-1', 'other-1']) await outbox.post(id);

    await until(() => fake.callsOf('chat.postMessage').length === 3, 'one post per channel');
    await until(async () => (await inspect.getDelayedCount()) === 2, 'two posts held back');
    const channels = fake.callsOf('chat.postMessage').map((c) => c.body.channel);
    expect([...channels].sort()).toEqual(['C0BUSY', 'C0OTHER', 'C0QUIET']);
    // The quiet channels were not held behind the busy one.
    expect(fake.callsOf('chat.postMessage').map(alertOf)).toContain('quiet-1');
    expect(outbox.stats().paced).toBeGreaterThanOrEqual(2);
  });

  it('keeps order per alert and loses nothing while Slack answers 429 and then 500', async () => {
    const metrics = new BotMetrics({ processMetrics: false });
    const outbox = makeOutbox({ metrics });
    outbox.startWorker();
    const ids = ['p', 'q', 'r'];
    for (const id of ids) alerts.add(id, `C0${id.toUpperCase()}`);
    fake.failNext('chat.postMessage', 2, { status: 429, retryAfter: 1 });
    fake.failNext('chat.update', 3, { status: 500 });
    for (const id of ids) {
      await outbox.post(id);
      await outbox.update(id); // nothing new to show yet: the post shows v1
      await outbox.stillHappening(id, 2, 'w1');
    }
    await until(() => fake.rejected.filter((c) => c.status === 429).length === 2, 'the 429s');
    fake.failNext('chat.postMessage', 4, { status: 500 });
    await until(() => alerts.setMessages.length === 3, 'the posts');
    for (const id of ids) {
      alerts.bump(id);
      await outbox.update(id);
    }
    await until(() => fake.calls.filter(isReply).length === 3 && fake.callsOf('chat.update').length === 3, 'all');
    await until(drained, 'an idle outbox');

    expect(fake.rejected.map((c) => c.status)).toEqual(expect.arrayContaining([429, 429, 500, 500, 500, 500, 500]));
    for (const id of ids) {
      const mine = fake.calls.filter((c) => alertOf(c) === id);
      expect(mine.map((c) => (isPost(c) ? 'post' : isReply(c) ? 'reply' : c.method))).toEqual([
        'post',
        ...(mine[1]!.method === 'chat.update' ? ['chat.update', 'reply'] : ['reply', 'chat.update']),
      ]);
      expect(mine[0]!.body).toMatchObject({ channel: `C0${id.toUpperCase()}` });
      expect(mine.find(isReply)!.body.thread_ts).toBe(alerts.alerts.get(id)!.messageTs);
      expect(mine.find((c) => c.method === 'chat.update')!.body.text).toBe(`alert ${id} v2`);
    }
    expect(outbox.stats()).toMatchObject({ posted: 3, updated: 3, replies: 3 });
    expect(outbox.stats().rateLimited).toBe(2);
    // Each 500 is a failed (retried) attempt of an outbox job; a 429 only delays its job; nothing gave up.
    const { body } = await metrics.scrape();
    // (A 500 on chat.postMessage may meet a post or a thread reply, whichever goes first.)
    const failures = (final: boolean) =>
      ['outbox_post', 'outbox_update', 'outbox_reply']
        .map((job) => sample(body, `imagestream_job_failures_total{job="${job}",final="${final}"}`) ?? 0)
        .reduce((a, b) => a + b, 0);
    expect(failures(false)).toBe(fake.rejected.filter((c) => c.status === 500).length);
    expect(failures(true)).toBe(0);
    expect(sample(body, 'imagestream_job_duration_seconds_count{job="outbox_post",outcome="completed"}')).toBe(3);
  });

  it('gives up on a message Slack refuses for good, and says so in the failed set', async () => {
    const outbox = makeOutbox({
      // Block Kit rendering fits texts into Slack's limits, but a button value cannot be made up: Slack refuses an empty one.
      render: () => ({
        summary: [text('alert bad v1')],
        blocks: [{ type: 'buttons', buttons: [{ label: 'Fix', action: 'fix', value: '' }] }],
      }),
    });
    outbox.startWorker();
    alerts.add('bad');
    await outbox.post('bad');
    await until(async () => (await inspect.getFailedCount()) === 1, 'the failed job');
    const [failed] = await inspect.getFailed();
    expect(failed!.failedReason).toMatch(/invalid_blocks/);
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('delivers jobs left pending by a stopped outbox exactly once after a restart', async () => {
    // Never had a worker: its jobs only sit in Redis.
    const producerOnly = makeOutbox();
    alerts.add('s1');
    await producerOnly.post('s1');
    // Has a worker, but Slack is down: its job is retrying when it stops.
    const first = makeOutbox();
    first.startWorker();
    fake.failNext('chat.postMessage', 1000, { status: 500 });
    alerts.add('s2');
    alerts.add('s3');
    await first.post('s2');
    await first.post('s3');
    await until(() => fake.rejected.length >= 3, 'failed attempts');
    await first.close();
    await producerOnly.close();
    outboxes.splice(0);
    fake.failNext('chat.postMessage', 0, { status: 500 });

    const second = makeOutbox();
    second.startWorker();
    await until(() => alerts.setMessages.length === 3, 'three posts');
    await until(drained, 'an idle outbox');
    expect(fake.callsOf('chat.postMessage').map(alertOf).sort()).toEqual(['s1', 's2', 's3']);
    expect(second.stats().posted).toBe(3);
  });

  it('posts each alert once when two replicas run workers on the same queue', async () => {
    const one = makeOutbox({ concurrency: 5 });
    const two = makeOutbox({ concurrency: 5 });
    one.startWorker();
    two.startWorker();
    const ids = Array.from({ length: 8 }, (_, i) => `dup-${i}`);
    ids.forEach((id, i) => alerts.add(id, `C0CH${i % 3}`));
    // Both replicas saw every problem and both ask for the post.
    await Promise.all(ids.flatMap((id) => [one.post(id), two.post(id)]));
    await until(() => alerts.setMessages.length === ids.length, 'all posts');
    await until(drained, 'an idle outbox');
    expect(fake.callsOf('chat.postMessage').map(alertOf).sort()).toEqual([...ids].sort());
    expect(one.stats().posted + two.stats().posted).toBe(ids.length);
  });
});
