import { outboxBackoff } from '../alerts/outbox-backoff';

/** The timer functions a restart waits with; injectable so tests can hold, count and cancel the wait. */
export interface RestartTimers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** Node's timers, looked up at call time (so Jest's fake timers apply). */
export const realTimers: RestartTimers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface RestartBackoffOptions {
  /** First delay; each consecutive failure doubles it. */
  baseMs: number;
  /** Cap of the delay. */
  maxMs: number;
  timers?: RestartTimers;
}

/**
 * At most one pending restart, waiting longer after each consecutive failure: doubling from
 * `baseMs` up to `maxMs`, jittered (the outbox's formula) so replicas that lost their stream
 * together do not all come back in the same instant.
 */
export class RestartBackoff {
  private failures = 0;
  private handle: unknown;
  private waiting = false;

  constructor(private readonly options: RestartBackoffOptions) {}

  /** Consecutive failures since the last reset (the number of the attempt that just failed). */
  get attempt(): number {
    return this.failures;
  }

  /** True while a restart waits for its timer. */
  get pending(): boolean {
    return this.waiting;
  }

  /** Counts one more failure and runs `restart` after its delay (replacing any pending one); returns the delay. */
  schedule(restart: () => void): number {
    this.cancel();
    this.failures += 1;
    const delayMs = outboxBackoff(this.failures, this.options.baseMs, this.options.maxMs);
    this.waiting = true;
    this.handle = this.timers().set(() => {
      this.waiting = false;
      this.handle = undefined;
      restart();
    }, delayMs);
    return delayMs;
  }

  /** Drops the pending restart, if any: no timer is left behind. */
  cancel(): void {
    if (!this.waiting) return;
    this.timers().clear(this.handle);
    this.waiting = false;
    this.handle = undefined;
  }

  /** The stream proved healthy: the next failure waits the base delay again. */
  reset(): void {
    this.failures = 0;
  }

  private timers(): RestartTimers {
    return this.options.timers ?? realTimers;
  }
}
