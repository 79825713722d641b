/** The digest's scheduler is synced in the background: a Redis that fails is retried, and the start never waits. */
import { keepDigestSchedule } from '../../src/digest/keep-digest-schedule';
import { createLogger } from '../../src/logging/logger';
import { until } from '../support/until';

function fakeQueue(failures: number) {
  const calls: string[] = [];
  let left = failures;
  const answer = async (what: string) => {
    calls.push(what);
    if (left > 0) {
      left -= 1;
      throw new Error('Connection is closed.');
    }
  };
  return {
    calls,
    upsertJobScheduler: (async () => answer('upsert')) as never,
    removeJobScheduler: (async () => answer('remove')) as never,
  };
}

function logLines() {
  const lines: Array<{ message: string; [key: string]: unknown }> = [];
  const logger = createLogger({ level: 'info', destination: { write: (l: string) => void lines.push(JSON.parse(l)) } });
  return { lines, logger };
}

it('retries a failed sync until Redis takes it, then says the digest is scheduled', async () => {
  const queue = fakeQueue(2);
  const { lines, logger } = logLines();
  const keeper = keepDigestSchedule(queue, { pattern: '0 9 * * 1', tz: 'UTC' }, logger, 5);
  // Returned at once: the caller (the worker's start) does not wait for Redis.
  expect(queue.calls).toEqual(['upsert']);
  await until(() => lines.some((l) => l.message === 'weekly digest'), 5000, 'the digest to be scheduled');
  expect(queue.calls).toEqual(['upsert', 'upsert', 'upsert']);
  expect(lines.filter((l) => l.message.startsWith('could not sync'))).toHaveLength(2);
  expect(lines.find((l) => l.message === 'weekly digest')).toMatchObject({ digest: 'scheduled', pattern: '0 9 * * 1' });
  keeper.stop();
});

it('removes the scheduler when the digest is off, and stops retrying once stopped', async () => {
  const queue = fakeQueue(Number.POSITIVE_INFINITY);
  const { lines, logger } = logLines();
  const keeper = keepDigestSchedule(queue, undefined, logger, 5);
  await until(() => queue.calls.length >= 2, 5000, 'a retry');
  keeper.stop();
  const after = queue.calls.length;
  await new Promise((resolve) => setImmediate(resolve));
  expect(queue.calls.every((c) => c === 'remove')).toBe(true);
  expect(queue.calls.length).toBeLessThanOrEqual(after + 1);
  expect(lines.some((l) => l.message === 'weekly digest')).toBe(false);
});
