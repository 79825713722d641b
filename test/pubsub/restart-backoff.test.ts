/** The streaming pull's restart backoff on Jest's fake timers: the delays, one pending restart, nothing left after cancel. */
import { RestartBackoff } from '../../src/pubsub/restart-backoff';

afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

/** The delays of `failures` consecutive failures, each restart run by advancing the fake clock. */
function delays(backoff: RestartBackoff, failures: number): number[] {
  const seen: number[] = [];
  const restart = jest.fn();
  for (let i = 0; i < failures; i++) {
    const delay = backoff.schedule(restart);
    jest.advanceTimersByTime(delay);
    seen.push(delay);
  }
  expect(restart).toHaveBeenCalledTimes(failures);
  return seen;
}

describe('RestartBackoff', () => {
  beforeEach(() => jest.useFakeTimers());

  it('doubles from the base up to the cap; the jitter takes at most half off', () => {
    const backoff = new RestartBackoff({ baseMs: 1000, maxMs: 60_000 });
    jest.spyOn(Math, 'random').mockReturnValue(1);
    expect(delays(backoff, 9)).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    expect(backoff.attempt).toBe(9);

    backoff.reset();
    jest.spyOn(Math, 'random').mockReturnValue(0);
    expect(delays(backoff, 3)).toEqual([500, 1000, 2000]);
  });

  it('keeps one restart pending, runs it only once its delay has passed, and counts attempts', () => {
    const backoff = new RestartBackoff({ baseMs: 50, maxMs: 400 });
    const restart = jest.fn();
    const delay = backoff.schedule(restart);
    expect(delay).toBeGreaterThanOrEqual(25);
    expect(delay).toBeLessThanOrEqual(50);
    expect(backoff.pending).toBe(true);
    expect(jest.getTimerCount()).toBe(1);
    jest.advanceTimersByTime(delay - 1);
    expect(restart).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(restart).toHaveBeenCalledTimes(1);
    expect(backoff.pending).toBe(false);
    expect(jest.getTimerCount()).toBe(0);

    // A second failure while one restart waits replaces it: still one timer.
    backoff.schedule(restart);
    backoff.schedule(restart);
    expect(backoff.attempt).toBe(3);
    expect(jest.getTimerCount()).toBe(1);
  });

  it('cancel drops the pending restart and leaves no timer behind', () => {
    const backoff = new RestartBackoff({ baseMs: 50, maxMs: 400 });
    const restart = jest.fn();
    backoff.schedule(restart);
    backoff.cancel();
    expect(backoff.pending).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(10_000);
    expect(restart).not.toHaveBeenCalled();
    backoff.cancel();
    expect(jest.getTimerCount()).toBe(0);
  });
});
