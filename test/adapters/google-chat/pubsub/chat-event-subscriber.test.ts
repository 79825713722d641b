/**
 * The Chat event subscriber against Google's in-memory Pub/Sub server (pstest) and the real Redis:
 * every event published to the app's topic reaches the handler once, across replicas, redeliveries,
 * handler failures, a Redis outage and a replica that died holding a claim.
 */
import net from 'node:net';
import { PubSub, Topic } from '@google-cloud/pubsub';
import Redis from 'ioredis';
import {
  ChatEventMeta,
  ChatEventSubscriber,
  ChatEventSubscriberOptions,
} from '../../../../adapters/google-chat/pubsub/chat-event-subscriber';
import { RestartTimers } from '../../../../src/pubsub/restart-backoff';
import { createLogger } from '../../../../src/logging/logger';
import { connectRedis, deleteKeys, uniquePrefix } from '../../../approvals/redis-test-keys';
import { Pstest, startPstest } from '../../../support/pstest';
import { TEST_REDIS } from '../../../support/redis-url';
import { until } from '../../../support/until';
import { slashCommandEvent } from './chat-events';

let pstest: Pstest;
let redis: Redis;
let admin: PubSub;
let prefix: string;
let names = 0;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  pstest = await startPstest();
  redis = connectRedis();
  admin = client();
}, 180_000);
afterAll(async () => {
  await admin.close();
  await redis.quit();
  await pstest?.stop();
});
beforeEach(() => {
  prefix = uniquePrefix('gchat-pubsub');
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await deleteKeys(redis, prefix);
});

/** Long enough for a slow CI machine; no duration is asserted. */
const WAIT_MS = 20_000;

function client(): PubSub {
  return new PubSub({ projectId: 'test-project', apiEndpoint: pstest.host, emulatorMode: true });
}

/** A fresh topic (the one Chat publishes to) and `count` subscriptions on it (pstest needs ackDeadlineSeconds). */
async function topicWithSubscriptions(count = 1): Promise<{ topic: Topic; subscriptions: string[] }> {
  names += 1;
  const [topic] = await admin.createTopic(`chat-events-${names}`);
  const subscriptions: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `chat-events-${names}-sub-${i}`;
    await topic.createSubscription(name, { ackDeadlineSeconds: 10 });
    subscriptions.push(name);
  }
  return { topic, subscriptions };
}

/** Publishes as Chat does (the event JSON as the data); returns the message ids. */
async function publish(topic: Topic, messages: Array<object | string>): Promise<string[]> {
  return Promise.all(
    messages.map((m) => topic.publishMessage({ data: Buffer.from(typeof m === 'string' ? m : JSON.stringify(m)) })),
  );
}

interface Handled {
  event: any;
  meta: ChatEventMeta;
}

interface Replica {
  subscriber: ChatEventSubscriber;
  handled: Handled[];
  logs: Array<Record<string, any>>;
}

/** One bot replica: its own Pub/Sub client and Redis connection, the same key prefix as the others. */
async function startReplica(
  subscription: string,
  o: {
    handle?: (event: any, meta: ChatEventMeta) => Promise<void>;
    redis?: Redis;
    options?: Partial<ChatEventSubscriberOptions>;
    start?: boolean;
  } = {},
): Promise<Replica> {
  const connection = o.redis ?? connectRedis();
  const handled: Handled[] = [];
  const logs: Array<Record<string, any>> = [];
  const subscriber = new ChatEventSubscriber({
    subscription,
    // Options, not a client: the subscriber builds and closes its own (the production wiring may do either).
    pubsub: { projectId: 'test-project', apiEndpoint: pstest.host, emulatorMode: true },
    redis: connection,
    keyPrefix: prefix,
    // Past the client's 100 ms modAck batching, so the nack follows the receipt's deadline
    // extension instead of racing it (and losing: a redelivery only after the ack deadline).
    nackDelayMs: 200,
    logger: createLogger({ destination: { write: (line: string) => logs.push(JSON.parse(line)) } }),
    handle: async (event, meta) => {
      if (o.handle) await o.handle(event, meta);
      handled.push({ event, meta });
    },
    ...o.options,
  });
  cleanups.push(async () => {
    await subscriber.stop();
    if (!o.redis) await connection.quit();
  });
  if (o.start !== false) await subscriber.start();
  return { subscriber, handled, logs };
}

const texts = (replicas: Replica[]) => replicas.flatMap((r) => r.handled.map((h) => h.event.message.text as string));
const total = (replicas: Replica[], field: keyof ChatEventSubscriber['stats']) =>
  replicas.reduce((n, r) => n + r.subscriber.stats[field], 0);

/** A gate the test opens: handlers wait on it. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

describe('ChatEventSubscriber', () => {
  it('hands every event published to the topic to one of two replicas, once, with its message id', async () => {
    const { topic, subscriptions } = await topicWithSubscriptions();
    const replicas = [await startReplica(subscriptions[0]!), await startReplica(subscriptions[0]!)];
    const events = Array.from({ length: 20 }, (_, i) => slashCommandEvent(i, `status prod-${i}`));
    const ids = await publish(topic, events);

    await until(() => total(replicas, 'handled') >= events.length, WAIT_MS, 'every event handled');
    await until(() => total(replicas, 'acked') >= events.length, WAIT_MS, 'every message acked');
    expect(texts(replicas).sort()).toEqual(events.map((e: any) => e.message.text).sort());
    const handled = replicas.flatMap((r) => r.handled);
    // The handler gets the event as Chat sent it, and the message id of the Pub/Sub message.
    const first = handled.find((h) => h.event.message.name === 'spaces/AAAAtest/messages/msg-0')!;
    expect(first.event).toEqual(events[0]);
    expect(first.meta).toEqual({ messageId: ids[0], attributes: {} });
    expect(new Set(handled.map((h) => h.meta.messageId))).toEqual(new Set(ids));
    expect(total(replicas, 'poison')).toBe(0);
    expect(replicas.every((r) => r.subscriber.isRunning())).toBe(true);
  });

  it('handles a message delivered to two replicas at once one time; the other acks it only after that run is done', async () => {
    // Two subscriptions on one topic deliver the same message (same message id) to both replicas
    // at once: the redelivery race of one subscription, made certain.
    const { topic, subscriptions } = await topicWithSubscriptions(2);
    const release = gate();
    let started = 0;
    const handle = async () => {
      started += 1;
      await release.wait;
    };
    const replicas = [
      await startReplica(subscriptions[0]!, { handle }),
      await startReplica(subscriptions[1]!, { handle }),
    ];
    await publish(topic, [slashCommandEvent(1)]);

    await until(
      () => started === 1 && total(replicas, 'busy') >= 1,
      WAIT_MS,
      'one replica handling the event while the other finds it claimed',
    );
    // While the first replica runs it, the other nacks it rather than acking (that run may still fail).
    await until(() => total(replicas, 'nacked') >= 1, WAIT_MS, 'the claimed delivery nacked');
    expect(total(replicas, 'acked')).toBe(0);

    release.open();
    await until(() => total(replicas, 'acked') >= 2, WAIT_MS, 'both deliveries acked');
    expect(started).toBe(1);
    expect(total(replicas, 'handled')).toBe(1);
    expect(total(replicas, 'duplicates')).toBe(1);
  });

  it('retries an event whose handler failed (on either replica), and it succeeds exactly once', async () => {
    const { topic, subscriptions } = await topicWithSubscriptions();
    let failures = 0;
    const handle = async (event: any) => {
      if (event.message.text.endsWith('flaky') && failures < 2) {
        failures += 1;
        throw new Error('Chat API unavailable');
      }
    };
    const replicas = [
      await startReplica(subscriptions[0]!, { handle }),
      await startReplica(subscriptions[0]!, { handle }),
    ];
    await publish(topic, [slashCommandEvent(1, 'check flaky'), slashCommandEvent(2, 'status prod-2')]);

    await until(() => total(replicas, 'handled') >= 2, WAIT_MS, 'both events handled');
    await until(() => total(replicas, 'acked') >= 2, WAIT_MS, 'both messages acked');
    expect(texts(replicas).sort()).toEqual(['/imagestream check flaky', '/imagestream status prod-2']);
    expect(failures).toBe(2);
    expect(total(replicas, 'nacked')).toBe(2);
    const failed = replicas.flatMap((r) => r.logs).filter((l) => l.message === 'google chat event step failed');
    expect(failed[0]).toMatchObject({ step: 'handle', err: 'Chat API unavailable' });
  });

  it('acks poison once: data that is not a JSON object is counted and logged once, by id, without its content', async () => {
    // Two subscriptions: each poison message reaches both replicas, as a redelivery would.
    const { topic, subscriptions } = await topicWithSubscriptions(2);
    const replicas = [await startReplica(subscriptions[0]!), await startReplica(subscriptions[1]!)];
    const poison = ['not json secret-ish', '[{"type":"MESSAGE"}]', 'null', '42', '"MESSAGE"'];
    const ids = await publish(topic, [...poison, slashCommandEvent(1)]);

    await until(() => total(replicas, 'acked') >= 2 * ids.length, WAIT_MS, 'every delivery acked');
    expect(total(replicas, 'poison')).toBe(poison.length);
    expect(total(replicas, 'handled')).toBe(1);
    const logs = replicas.flatMap((r) => r.logs).filter((l) => l.message === 'unreadable google chat event dropped');
    expect(logs.map((l) => l.messageId).sort()).toEqual(ids.slice(0, poison.length).sort());
    expect(logs.find((l) => l.messageId === ids[1])!.reason).toBe('not a JSON object (an array)');
    expect(JSON.stringify(logs)).not.toContain('secret-ish');
  });

  it('nacks while Redis is down (never acks an unhandled event), and handles the event once Redis is back', async () => {
    const { topic, subscriptions } = await topicWithSubscriptions();
    const proxy = await switchableProxy(TEST_REDIS.port);
    cleanups.push(() => proxy.close());
    // The app's Redis settings for a subscriber: fail fast while disconnected, reconnect on its own.
    const flaky = new Redis({
      host: '127.0.0.1',
      port: proxy.port,
      db: TEST_REDIS.db,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => 50,
      lazyConnect: true,
    });
    flaky.on('error', () => undefined);
    cleanups.push(async () => flaky.disconnect());
    const replica = await startReplica(subscriptions[0]!, { redis: flaky });
    await publish(topic, [slashCommandEvent(1)]);

    await until(() => replica.subscriber.stats.nacked >= 2, WAIT_MS, 'the event nacked and redelivered');
    expect(replica.subscriber.stats.acked).toBe(0);
    expect(replica.handled).toHaveLength(0);
    expect(replica.logs.find((l) => l.message === 'google chat event step failed')).toMatchObject({ step: 'claim' });

    proxy.up();
    await until(() => replica.subscriber.stats.acked >= 1, WAIT_MS, 'the event handled once Redis is back');
    expect(replica.handled).toHaveLength(1);
    expect(replica.subscriber.stats.handled).toBe(1);
  });

  it('leaves an event claimed by a replica that died alone until its lease runs out, then handles it once', async () => {
    const { topic, subscriptions } = await topicWithSubscriptions();
    const [id] = await publish(topic, [slashCommandEvent(1)]);
    // A replica claimed it and died: its lease (no expiry yet, so the test decides when it runs out).
    await redis.set(`${prefix}gchat-event:${id}`, 'lease:dead-replica');
    const replica = await startReplica(subscriptions[0]!);

    await until(() => replica.subscriber.stats.busy >= 2, WAIT_MS, 'the claimed event redelivered and left alone');
    expect(replica.handled).toHaveLength(0);
    expect(replica.subscriber.stats.acked).toBe(0);

    await redis.pexpire(`${prefix}gchat-event:${id}`, 1);
    await until(() => replica.subscriber.stats.acked >= 1, WAIT_MS, 'the event handled after the lease ran out');
    expect(replica.handled.map((h) => h.meta.messageId)).toEqual([id]);
    expect(await redis.get(`${prefix}gchat-event:${id}`)).toBe('done');
  });

  it('keeps renewing the claim while a slow handler runs, past the lease, so no other replica takes the event', async () => {
    const { topic, subscriptions } = await topicWithSubscriptions();
    const leaseMs = 600;
    let renewals = 0;
    const handle = async (_event: any, meta: ChatEventMeta) => {
      const key = `${prefix}gchat-event:${meta.messageId}`;
      // The claim's time to live only falls, unless it is renewed: count each rise, past a whole lease.
      let last = await redis.pttl(key);
      await until(
        async () => {
          const now = await redis.pttl(key);
          if (now > last) renewals += 1;
          last = now;
          return renewals >= 4;
        },
        WAIT_MS,
        'the claim renewed past its lease',
      );
    };
    const replicas = [
      await startReplica(subscriptions[0]!, { handle, options: { leaseMs } }),
      await startReplica(subscriptions[0]!, { handle, options: { leaseMs } }),
    ];
    await publish(topic, [slashCommandEvent(1)]);
    await until(() => total(replicas, 'acked') >= 1, WAIT_MS, 'the slow event acked');
    expect(total(replicas, 'handled')).toBe(1);
    expect(replicas.flatMap((r) => r.logs).filter((l) => /claim (lost|ran out)/.test(l.message))).toEqual([]);
  });

  it('stops cleanly: the event being handled finishes and is acked, the one waiting to be retried is nacked at once', async () => {
    const { topic, subscriptions } = await topicWithSubscriptions();
    const release = gate();
    const handle = async (event: any) => {
      if (event.message.text.endsWith('fails')) throw new Error('Chat API unavailable');
      await release.wait;
    };
    // A retry wait far longer than the test: stop() must not sit it out.
    const replica = await startReplica(subscriptions[0]!, { handle, options: { nackDelayMs: 600_000 } });
    const [slowId, failsId] = await publish(topic, [
      slashCommandEvent(1, 'status slow'),
      slashCommandEvent(2, 'status fails'),
    ]);
    await until(() => replica.subscriber.stats.received >= 2, WAIT_MS, 'both events in hand');
    await until(
      () => replica.logs.some((l) => l.message === 'google chat event step failed'),
      WAIT_MS,
      'the failing event waiting to be retried',
    );

    const stopped = replica.subscriber.stop();
    expect(replica.subscriber.isRunning()).toBe(false);
    release.open();
    await stopped;
    expect(replica.handled.map((h) => h.event.message.text)).toEqual(['/imagestream status slow']);
    expect(replica.subscriber.stats).toMatchObject({ acked: 1, nacked: 1, handled: 1 });
    // The finished event is marked done; the nacked one is free for the redelivery, on any replica
    // (that redelivery is the retry test's; here pstest may first hold it for an ack deadline).
    expect(await redis.get(`${prefix}gchat-event:${slowId}`)).toBe('done');
    expect(await redis.exists(`${prefix}gchat-event:${failsId}`)).toBe(0);
  });
});

/** Restart timers the test runs by hand: each wait is held until the test lets it pass. */
function heldTimers(): { timers: RestartTimers; held: Array<{ run: () => void; ms: number }> } {
  const held: Array<{ run: () => void; ms: number }> = [];
  return {
    held,
    timers: {
      set: (run, ms) => {
        const timer = { run, ms };
        held.push(timer);
        return timer;
      },
      clear: () => undefined,
    },
  };
}

describe('ChatEventSubscriber stream recovery (/readyz)', () => {
  it('reports not running while the subscription is missing, reopens after the backoff, then handles events', async () => {
    names += 1;
    const subscription = `chat-events-${names}-late-sub`;
    const { timers, held } = heldTimers();
    const replica = await startReplica(subscription, { options: { restartTimers: timers } });

    await until(() => held.length === 1, WAIT_MS, 'the stream to fail and a reopen to be scheduled');
    expect(replica.subscriber.isRunning()).toBe(false);
    const lost = replica.logs.filter((l) => l.message === 'google chat subscription lost; reopening');
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ subscription, attempt: 1, restartInMs: held[0]!.ms });
    expect(lost[0]!.reason).toMatch(/NOT_FOUND/);

    const [topic] = await admin.createTopic(`chat-events-${names}`);
    await topic.createSubscription(subscription, { ackDeadlineSeconds: 10 });
    held[0]!.run();
    await until(() => replica.subscriber.isRunning(), WAIT_MS, 'the stream reopened');
    await publish(topic, [slashCommandEvent(1)]);
    await until(() => replica.handled.length >= 1, WAIT_MS, 'an event handled after the recovery');
    expect(replica.subscriber.isRunning()).toBe(true);
    expect(held).toHaveLength(1);
  });
});

/** A TCP proxy to a loopback port that refuses (closes) connections until `up()`: Redis down, then back. */
async function switchableProxy(
  targetPort: number,
): Promise<{ port: number; up: () => void; close: () => Promise<void> }> {
  let isUp = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((downstream) => {
    if (!isUp) return void downstream.destroy();
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const s of [downstream, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s)).on('error', () => s.destroy());
    }
    downstream.pipe(upstream).pipe(downstream);
    downstream.on('close', () => upstream.destroy());
    upstream.on('close', () => downstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    up: () => (isUp = true),
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}
