import { errorMessage } from '../../../src/errors';
import type { Logger } from '../../../src/logging/logger';
import type { JobQueue } from '../../../src/queue/job-queue';
import type { HomeViewers } from './home-viewers';

/**
 * The BullMQ options of a user's Home refresh. Deduplicated per user: while one waits, more
 * requests add nothing (a burst of opens or state changes runs one refresh); while one runs, the
 * latest request is kept and runs once after it (so a change made mid-refresh is not missed).
 */
function homeJobOptions(userId: string) {
  return {
    deduplication: { id: `home-${userId}`, keepLastIfActive: true },
    removeOnComplete: true,
    removeOnFail: { age: 3600 },
    attempts: 2,
  };
}

/** Queues Home refreshes: on open, on a page click, and for every recent viewer when state changes. */
export class HomeRefresher {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    readonly viewers: HomeViewers,
    private readonly queue: Pick<JobQueue, 'enqueue'>,
    private readonly logger: Logger,
  ) {}

  /** The user opened the Home tab: remember them, refresh their Home. */
  async opened(userId: string): Promise<void> {
    await this.viewers.opened(userId);
    await this.refresh(userId);
  }

  /** The user clicked Previous / Next / Refresh: show that page. */
  async showPage(userId: string, page: number): Promise<void> {
    await this.viewers.setPage(userId, page);
    await this.refresh(userId);
  }

  /** Queues one (coalesced) refresh of the user's Home. */
  async refresh(userId: string): Promise<void> {
    await this.queue.enqueue('home', { userId }, homeJobOptions(userId));
  }

  /**
   * An approval or alert changed: refresh every recent viewer's Home. Never throws and never
   * delays the caller (a store transition); concurrent calls in one process collapse into one
   * more pass, so an alert storm costs a few passes, not one per entry.
   */
  stateChanged(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    const pass = async (): Promise<void> => {
      do {
        this.again = false;
        try {
          for (const user of await this.viewers.recent()) await this.refresh(user);
        } catch (err) {
          this.logger.warn({ err: errorMessage(err) }, 'could not queue Home refreshes');
        }
      } while (this.again);
      // Cleared in the same step as the last check of `again`, so no call falls between the two.
      this.running = null;
    };
    this.running = pass();
  }

  /**
   * Resolves once the refreshes stateChanged started (its repeats included) are queued. Only tests
   * call it, to look at the queue after a state change: nothing in the bot waits for it, a stop
   * included.
   */
  async settled(): Promise<void> {
    await this.running;
  }
}
