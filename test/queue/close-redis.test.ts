/**
 * closeRedis on a connection whose Redis is down: the stop must leave nothing behind that holds the
 * process open (ioredis's disconnect arms a timer that only the socket's 'close' clears, and that
 * socket has already closed).
 */
import { closeRedis, createRedis } from '../../src/queue/redis-connection';

afterEach(() => jest.useRealTimers());

it.each(['producer', 'worker'] as const)(
  'closing a %s connection to a Redis that is down leaves no timer running',
  async (kind) => {
    // Only the timers ioredis schedules are faked; sockets and ticks stay real.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'Date'] });
    // Nothing listens on port 1: the socket closes at once and ioredis waits to reconnect.
    const redis = createRedis('redis://127.0.0.1:1', kind);
    redis.on('error', () => undefined);
    await new Promise((resolve) => redis.once('reconnecting', resolve));

    await closeRedis(redis);
    // Whatever is due now runs (as the event loop would); nothing may be left to wait for.
    jest.advanceTimersByTime(0);
    expect(jest.getTimerCount()).toBe(0);
  },
);
