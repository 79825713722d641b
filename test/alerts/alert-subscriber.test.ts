/**
 * The subscriber against Google's in-memory Pub/Sub server (pstest) and the real Redis: a storm
 * read by two replicas, redeliveries, poison, and failures that must not lose or double anything.
 */
import net from 'node:net';
import { PubSub, Topic } from '@google-cloud/pubsub';
import Redis from 'ioredis';
import { AlertStore, RecordedEntry } from '../../src/alerts/alert-store';
import { AlertSubscriber, AlertSubscriberOptions } from '../../src/alerts/alert-subscriber';
import { RestartTimers } from '../../src/pubsub/restart-backoff';
import { alertRoutes } from '../../src/alerts/alert-routes';
import { AlertState, RecordOutcome } from '../../src/alerts/problem';
import { ClassifiedEntry } from '../../src/classifier/classify-entry';
import { RemoteError } from '../../src/errors';
import { createLogger } from '../../src/logging/logger';
import { connectRedis, deleteKeys, uniquePrefix } from '../approvals/redis-test-keys';
import { Pstest, startPstest } from '../support/pstest';
import { SinkFixture, sinkEntry } from './sink-entries';

jest.setTimeout(60_000);

let pstest: Pstest;
let redis: Redis;
let prefix: string;
const opened: Array<{ subscriber: AlertSubscriber; pubsub: PubSub; redis: Redis }> = [];
let names = 0;

beforeAll(async () => {
  pstest = await startPstest();
  redis = connectRedis();
}, 180_000);
afterAll(async () => {
  await redis.quit();
  await pstest?.stop();
});
beforeEach(() => {
  prefix = uniquePrefix('alert-subscriber');
});
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.subscriber.stop();
    await o.pubsub.close();
    await o.redis.quit();
  }
  await deleteKeys(redis, prefix);
});

const client = () => new PubSub({ projectId: 'test-project', apiEndpoint: pstest.host, emulatorMode: true });

/** A fresh topic and subscription (pstest needs ackDeadlineSeconds, see TOOLCHAIN.md). */
async function topicWithSubscription(pubsub: PubSub): Promise<{ topic: Topic; subscription: string }> {
  names += 1;
  const [topic] = await pubsub.createTopic(`alerts-${names}`);
  await topic.createSubscription(`alerts-${names}-sub`, { ackDeadlineSeconds: 10 });
  return { topic, subscription: `alerts-${names}-sub` };
}

interface Replica {
  subscriber: AlertSubscriber;
  outcomes: RecordOutcome[];
  logs: Array<Record<string, any>>;
  metrics: { received: number; acked: number; poison: number; duplicate: number };
}

type StoreFactory = (connection: Redis) => AlertStore;
const plainStore: StoreFactory = (connection) =>
  new AlertStore(connection, { keyPrefix: prefix, destinationFor: alertRoutes({}, 'CALERTS') });

/** One bot replica: its own Pub/Sub client, Redis connection and store. */
async function startReplica(
  subscription: string,
  o: {
    handle?: (outcome: RecordOutcome) => Promise<void>;
    store?: StoreFactory;
    pubsub?: PubSub;
    options?: Partial<AlertSubscriberOptions>;
  } = {},
): Promise<Replica> {
  const pubsub = o.pubsub ?? client();
  const connection = connectRedis();
  const outcomes: RecordOutcome[] = [];
  const logs: Array<Record<string, any>> = [];
  const metrics = { received: 0, acked: 0, poison: 0, duplicate: 0 };
  const subscriber = new AlertSubscriber(pubsub, {
    subscription,
    store: (o.store ?? plainStore)(connection),
    maxStreams: 10,
    nackDelayMs: 0,
    logger: createLogger({ destination: { write: (line: string) => logs.push(JSON.parse(line)) } }),
    handle: async (outcome) => {
      if (o.handle) await o.handle(outcome);
      outcomes.push(outcome);
    },
    metrics: {
      received: () => (metrics.received += 1),
      acked: () => (metrics.acked += 1),
      poison: () => (metrics.poison += 1),
      duplicate: () => (metrics.duplicate += 1),
    },
    ...o.options,
  });
  opened.push({ subscriber, pubsub, redis: connection });
  await subscriber.start();
  return { subscriber, outcomes, logs, metrics };
}

/** Waits for a condition (no timing is asserted: the deadline only turns a hang into a clear failure). */
async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function publish(topic: Topic, messages: Array<string | Buffer | object>): Promise<void> {
  const batched = topic.pubsub.topic(topic.name, { batching: { maxMessages: 1000, maxMilliseconds: 5 } });
  await Promise.all(
    messages.map((m) =>
      batched.publishMessage({
        data: Buffer.isBuffer(m) ? m : Buffer.from(typeof m === 'string' ? m : JSON.stringify(m)),
      }),
    ),
  );
}

/** Every alert of the test, by class. */
async function alertsByClass(): Promise<Record<string, AlertState>> {
  const store = plainStore(redis);
  const keys = (await redis.keys(`${prefix}alert:*`)).filter((k) => !k.endsWith(':nodes'));
  const alerts = await Promise.all(keys.map((k) => store.get(k.slice(`${prefix}alert:`.length))));
  return Object.fromEntries(alerts.map((a) => [a!.key.class, a!]));
}

const entry = (fixture: SinkFixture, i: number) =>
  sinkEntry(fixture, { insertId: `${fixture}-${i}`, node: `gke-prod-east-pool-${i % 30}` });
const sum = (replicas: Replica[], field: 'received' | 'acked' | 'poison' | 'duplicates' | 'nacked') =>
  replicas.reduce((n, r) => n + r.subscriber.stats[field], 0);
const kinds = (replicas: Replica[], kind: RecordOutcome['kind']) =>
  replicas.flatMap((r) => r.outcomes).filter((o) => o.kind === kind).length;

describe('AlertSubscriber', () => {
  it('turns a storm read by two replicas into exactly one alert per problem, and counts nothing twice', async () => {
    const admin = client();
    try {
      const { topic, subscription } = await topicWithSubscription(admin);
      const replicas = [await startReplica(subscription), await startReplica(subscription)];

      const poison = [
        'not json at all',
        '[{"insertId": "in-an-array"}]',
        '{"hello": "world"}',
        '{"insertId": 5}',
        Buffer.alloc(1024 * 1024 + 1, 'a'),
      ];
      const storm: Array<string | Buffer | object> = [];
      for (let i = 0; i < 5000; i++) {
        storm.push(entry('quota-exceeded', i));
        // A few other problems, the malformed messages and two entries that are no error, in between.
        if (i % 1000 === 500) storm.push(entry('permission-denied', i), poison[(i - 500) / 1000]!);
        if (i % 2000 === 1000) storm.push(entry('failed-precondition', i), entry('gcfsd-info', i));
      }
      expect(storm).toHaveLength(5000 + 5 * 2 + 2 * 2);
      await publish(topic, storm);

      // Pub/Sub may deliver a message again before its ack lands: count each message once.
      await until('the storm to be acked', () => sum(replicas, 'acked') - sum(replicas, 'duplicates') >= storm.length);
      const alerts = await alertsByClass();
      expect(Object.keys(alerts).sort()).toEqual(['failed_precondition', 'permission_denied', 'quota_exceeded']);
      expect(alerts.quota_exceeded).toMatchObject({ count: 5000, nodesTotal: 30, channel: 'CALERTS' });
      expect(alerts.quota_exceeded!.nodes).toHaveLength(20);
      expect(alerts.permission_denied!.count).toBe(5);
      expect(alerts.failed_precondition!.count).toBe(2);
      expect(kinds(replicas, 'new')).toBe(3);
      expect(kinds(replicas, 'ignored')).toBe(2);
      expect(kinds(replicas, 'updated')).toBe(5000 + 5 + 2 - 3);
      expect(sum(replicas, 'poison')).toBe(5);
      // Each poison message was logged once, by id, without its content.
      const poisonLogs = replicas
        .flatMap((r) => r.logs)
        .filter((l) => l.message === 'unreadable alert message dropped');
      expect(poisonLogs).toHaveLength(5);
      expect(new Set(poisonLogs.map((l) => l.messageId)).size).toBe(5);
      expect(JSON.stringify(poisonLogs)).not.toContain('aaaaaaaa');
      for (const r of replicas) {
        expect(r.metrics).toMatchObject({
          received: r.subscriber.stats.received,
          acked: r.subscriber.stats.acked,
          poison: r.subscriber.stats.poison,
        });
      }

      // Pub/Sub redelivers and overlapping sinks duplicate: the same entries again change nothing.
      const ackedBefore = sum(replicas, 'acked');
      const again = storm.filter((m) => typeof m === 'object' && !Buffer.isBuffer(m)).slice(0, 2000);
      await publish(topic, again);
      await until('the duplicates to be acked', () => sum(replicas, 'acked') >= ackedBefore + again.length);
      expect(await alertsByClass()).toEqual(alerts);
      expect(sum(replicas, 'duplicates')).toBeGreaterThanOrEqual(again.length - 2);
      expect(kinds(replicas, 'new')).toBe(3);
    } finally {
      await admin.close();
    }
  });

  it('nacks on a Redis or Slack failure, and the redelivery posts the alert once', async () => {
    const admin = client();
    try {
      const { topic, subscription } = await topicWithSubscription(admin);
      let recordFailures = 1;
      let handleFailures = 1;
      // Messages in the batch whose record failed: each of them is nacked.
      let failedBatch = 0;
      // A replica whose Redis fails once (a whole batch's script call), and whose Slack hand-over
      // fails once: fakes by subclass, no module mocks.
      class FlakyStore extends AlertStore {
        override async recordBatch(entries: readonly ClassifiedEntry[]): Promise<RecordedEntry[]> {
          if (recordFailures > 0) {
            recordFailures -= 1;
            failedBatch = entries.length;
            throw new RemoteError('Redis record alert entry failed: Connection is closed');
          }
          return super.recordBatch(entries);
        }
      }
      const replica = await startReplica(subscription, {
        store: (connection) =>
          new FlakyStore(connection, { keyPrefix: prefix, destinationFor: alertRoutes({}, 'CALERTS') }),
        handle: async (outcome) => {
          if (outcome.kind === 'new' && handleFailures > 0) {
            handleFailures -= 1;
            throw new Error('Slack outbox unavailable');
          }
        },
      });
      await publish(topic, [entry('quota-exceeded', 1), entry('permission-denied', 1)]);

      await until('both alerts handed over', () => replica.outcomes.filter((o) => o.kind === 'new').length >= 2);
      await until('both messages acked', () => replica.subscriber.stats.acked >= 2);
      const alerts = await alertsByClass();
      expect(alerts.quota_exceeded!.count).toBe(1);
      expect(alerts.permission_denied!.count).toBe(1);
      expect(replica.outcomes.map((o) => o.kind)).toEqual(['new', 'new']);
      expect(failedBatch).toBeGreaterThan(0);
      expect(replica.subscriber.stats.nacked).toBe(failedBatch + 1);
      expect(replica.logs.some((l) => l.message === 'alert message step failed')).toBe(true);
    } finally {
      await admin.close();
    }
  });

  it('hands each destination of a problem its outcome; a failed hand-over replays only that destination', async () => {
    const admin = client();
    try {
      const { topic, subscription } = await topicWithSubscription(admin);
      let chatFailures = 1;
      const both: StoreFactory = (connection) =>
        new AlertStore(connection, { keyPrefix: prefix, destinationFor: alertRoutes({}, 'CALERTS+spaces/ALERTS') });
      const handle = async (outcome: RecordOutcome) => {
        if (outcome.kind === 'new' && outcome.alert.destination.platform === 'gchat' && chatFailures > 0) {
          chatFailures -= 1;
          throw new Error('Chat outbox unavailable');
        }
      };
      const replicas = [
        await startReplica(subscription, { store: both, handle }),
        await startReplica(subscription, { store: both, handle }),
      ];
      const storm = Array.from({ length: 200 }, (_, i) => entry('quota-exceeded', i));
      await publish(topic, storm);

      await until('the storm to be acked', () => sum(replicas, 'acked') - sum(replicas, 'duplicates') >= storm.length);
      const store = both(redis);
      const keys = (await redis.keys(`${prefix}alert:*`)).filter((k) => !k.endsWith(':nodes'));
      const alerts = await Promise.all(keys.map((k) => store.get(k.slice(`${prefix}alert:`.length))));
      expect(alerts.map((a) => [a!.destination.platform, a!.count]).sort()).toEqual([
        ['gchat', 200],
        ['slack', 200],
      ]);
      const handed = replicas.flatMap((r) => r.outcomes).filter((o) => o.kind === 'new' || o.kind === 'updated');
      // Every entry reached the outbox once per destination: the failed Chat post was replayed, Slack's was not.
      const per = (platform: string) => handed.filter((o) => 'alert' in o && o.alert.destination.platform === platform);
      expect(per('slack')).toHaveLength(200);
      expect(per('gchat')).toHaveLength(200);
      expect(handed.filter((o) => o.kind === 'new')).toHaveLength(2);
      expect(sum(replicas, 'nacked')).toBe(1);

      // Overlapping sinks: an entry seen again is one duplicate, however many destinations its problem has.
      // (The replayed Chat post's message had one duplicate outcome too: Slack's, not an entry seen again.)
      const before = kinds(replicas, 'duplicate');
      await publish(topic, storm.slice(0, 10));
      await until('the repeats to be acked', () => sum(replicas, 'duplicates') >= 10);
      const counted = replicas.reduce((n, r) => n + r.metrics.duplicate, 0);
      expect(counted).toBe(sum(replicas, 'duplicates'));
      expect(kinds(replicas, 'duplicate') - before).toBe(2 * counted);
    } finally {
      await admin.close();
    }
  });

  it('stops cleanly: messages in hand finish, none arrive afterwards', async () => {
    const admin = client();
    try {
      const { topic, subscription } = await topicWithSubscription(admin);
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const replica = await startReplica(subscription, { handle: () => gate });
      await publish(topic, [entry('quota-exceeded', 1)]);
      await until('the message to arrive', () => replica.subscriber.stats.received >= 1);
      const stopped = replica.subscriber.stop();
      release();
      await stopped;
      expect(replica.subscriber.stats.acked).toBe(1);
      const received = replica.subscriber.stats.received;
      await publish(topic, [entry('quota-exceeded', 2)]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(replica.subscriber.stats.received).toBe(received);
    } finally {
      await admin.close();
    }
  });
});

/** A TCP proxy in front of pstest whose open connections the test can cut, as a network blip would. */
interface Proxy {
  host: string;
  cut(): void;
  close(): Promise<void>;
}

async function tcpProxy(target: string): Promise<Proxy> {
  const colon = target.lastIndexOf(':');
  const targetHost = target.slice(0, colon);
  const targetPort = Number(target.slice(colon + 1));
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket)).on('error', () => socket.destroy());
  };
  const server = net.createServer((downstream) => {
    const upstream = net.connect(targetPort, targetHost);
    track(downstream);
    track(upstream);
    downstream.pipe(upstream).pipe(downstream);
    // One side gone, the other goes too: the client sees the connection drop.
    downstream.on('close', () => upstream.destroy());
    upstream.on('close', () => downstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const cut = () => sockets.forEach((socket) => socket.destroy());
  return {
    host: `127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    cut,
    close: () =>
      new Promise<void>((resolve) => {
        cut();
        server.close(() => resolve());
      }),
  };
}

/** Restart timers the test runs or inspects by hand: each wait is held until the test lets it pass. */
interface HeldTimer {
  run: () => void;
  ms: number;
  state: 'pending' | 'ran' | 'cleared';
}
function heldTimers(): { timers: RestartTimers; held: HeldTimer[] } {
  const held: HeldTimer[] = [];
  const timers: RestartTimers = {
    set: (run, ms) => {
      const timer: HeldTimer = { ms, state: 'pending', run: () => ((timer.state = 'ran'), run()) };
      held.push(timer);
      return timer;
    },
    clear: (handle) => {
      (handle as HeldTimer).state = 'cleared';
    },
  };
  return { timers, held };
}

const lostLogs = (replica: Replica) => replica.logs.filter((l) => l.message === 'alert subscription lost; reopening');
const fastRestart: Partial<AlertSubscriberOptions> = { restartBaseMs: 50, restartMaxMs: 400 };

describe('AlertSubscriber recovery after the client gives up on the stream', () => {
  it('reopens by itself once a deleted subscription exists again; a message published then is handled once', async () => {
    const admin = client();
    const proxy = await tcpProxy(pstest.host);
    let replica: Replica | undefined;
    try {
      const { topic, subscription } = await topicWithSubscription(admin);
      const pubsub = new PubSub({ projectId: 'test-project', apiEndpoint: proxy.host, emulatorMode: true });
      replica = await startReplica(subscription, { pubsub, options: fastRestart });
      await publish(topic, [entry('quota-exceeded', 1)]);
      await until('the first message acked', () => replica!.subscriber.stats.acked >= 1);
      expect(replica.subscriber.isRunning()).toBe(true);

      await admin.subscription(subscription).delete();
      // pstest keeps a deleted subscription's open streams (Pub/Sub ends them): drop the connections,
      // and the client's reconnects meet NOT_FOUND, which it does not retry.
      proxy.cut();
      await until('the subscriber to report the stream down', () => !replica!.subscriber.isRunning());
      await until('two failed attempts', () => lostLogs(replica!).length >= 2);
      const lost = lostLogs(replica);
      expect(lost.slice(0, 2).map((l) => l.attempt)).toEqual([1, 2]);
      expect(lost.every((l) => /NOT_FOUND/.test(l.reason))).toBe(true);

      await topic.createSubscription(subscription, { ackDeadlineSeconds: 10 });
      await until('the subscriber to come back', () => replica!.subscriber.isRunning());
      await publish(topic, [entry('permission-denied', 2)]);
      await until('the message published after the recovery acked', () => replica!.subscriber.stats.acked >= 2);
      const alerts = await alertsByClass();
      expect(alerts.permission_denied!.count).toBe(1);
      expect(alerts.quota_exceeded!.count).toBe(1);
      const posted = replica.outcomes.filter((o) => o.kind === 'new' && o.alert.key.class === 'permission_denied');
      expect(posted).toHaveLength(1);
      expect(replica.subscriber.isRunning()).toBe(true);
    } finally {
      await replica?.subscriber.stop();
      await proxy.close();
      await admin.close();
    }
  });

  it('stop() during the wait before reopening cancels it: no further attempt, no timer left', async () => {
    const { timers, held } = heldTimers();
    const pubsub = client();
    const opens = jest.spyOn(pubsub, 'subscription');
    const replica = await startReplica('never-created-sub', {
      pubsub,
      options: { ...fastRestart, restartTimers: timers },
    });
    await until('the first failure', () => held.length === 1);
    expect(replica.subscriber.isRunning()).toBe(false);
    // The wait is over: the second attempt fails the same way and waits longer.
    held[0]!.run();
    await until('the second failure', () => held.length === 2);
    expect(lostLogs(replica).map((l) => [l.attempt, l.restartInMs])).toEqual([
      [1, held[0]!.ms],
      [2, held[1]!.ms],
    ]);
    expect(lostLogs(replica).every((l) => /NOT_FOUND/.test(l.reason))).toBe(true);
    expect(held[0]!.ms).toBeGreaterThanOrEqual(25);
    expect(held[0]!.ms).toBeLessThanOrEqual(50);
    expect(held[1]!.ms).toBeGreaterThanOrEqual(50);
    expect(held[1]!.ms).toBeLessThanOrEqual(100);
    expect(opens).toHaveBeenCalledTimes(2);

    await replica.subscriber.stop();
    expect(held.map((t) => t.state)).toEqual(['ran', 'cleared']);
    expect(replica.subscriber.isRunning()).toBe(false);
    // The cleared timer was the only way back; a short look confirms nothing else reopens it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(held).toHaveLength(2);
    expect(opens).toHaveBeenCalledTimes(2);
    expect(lostLogs(replica)).toHaveLength(2);
  });
});
