import { ApplyOptions } from './apply-options';

/** A retry pacer with a time budget. */
export interface Backoff {
  /** Sleeps the next delay and returns true, or returns false at once when the budget is spent. */
  wait(): Promise<boolean>;
  /** Time counted against the budget so far. */
  elapsedMs(): number;
}

/** Default pacing: GKE operations take minutes, a node pool's nodes can take much longer. */
export const BACKOFF_DEFAULTS = { initialDelayMs: 2_000, maxDelayMs: 30_000, maxWaitMs: 3_600_000 } as const;

/**
 * Doubling delays capped at maxDelayMs, until maxWaitMs. Elapsed time is the larger of the clock
 * and the sum of the delays slept, so an injected instant `sleep` still ends (tests, fake clocks).
 */
export function createBackoff(options: ApplyOptions): Backoff {
  const initial = options.initialDelayMs ?? BACKOFF_DEFAULTS.initialDelayMs;
  const max = options.maxDelayMs ?? BACKOFF_DEFAULTS.maxDelayMs;
  const budget = options.maxWaitMs ?? BACKOFF_DEFAULTS.maxWaitMs;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const start = now();
  let slept = 0;
  let next = Math.max(1, initial);
  const elapsedMs = () => Math.max(slept, now() - start);
  return {
    elapsedMs,
    async wait() {
      const left = budget - elapsedMs();
      if (left <= 0) return false;
      const delay = Math.min(next, max, left);
      next = Math.min(next * 2, max);
      slept += delay;
      await sleep(delay);
      return true;
    },
  };
}
