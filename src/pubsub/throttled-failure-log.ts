import { errorMessage } from '../errors';
import type { Logger } from '../logging/logger';

/** At most one failure line per this interval; the others are counted into the next line. */
export const FAILURE_LOG_INTERVAL_MS = 10_000;

/**
 * The warning a subscriber logs when a step of one message fails (Redis down, a handler error):
 * in an outage every message fails alike, so one line per interval says it, with how many similar
 * failures went unlogged since, instead of a line per message flooding the logs.
 */
export class ThrottledFailureLog {
  private lastLoggedAt = -Infinity;
  private notLogged = 0;

  constructor(
    private readonly logger: Logger,
    /** The line's message, e.g. 'alert message step failed'. */
    private readonly line: string,
    private readonly now: () => number = Date.now,
  ) {}

  failed(messageId: string, step: string, err: unknown): void {
    const now = this.now();
    if (now - this.lastLoggedAt < FAILURE_LOG_INTERVAL_MS) {
      this.notLogged += 1;
      return;
    }
    this.logger.warn({ messageId, step, err: errorMessage(err), similarNotLogged: this.notLogged }, this.line);
    this.lastLoggedAt = now;
    this.notLogged = 0;
  }
}
