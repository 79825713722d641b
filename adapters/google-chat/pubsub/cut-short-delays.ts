/**
 * Waits that stop() can cut short: a message held back before its nack (so a Redis outage is not
 * a redelivery loop) is nacked at once on shutdown instead of delaying it.
 */
export class CutShortDelays {
  private readonly waiting = new Map<NodeJS.Timeout, () => void>();

  /** Resolves after `ms`, or at once when ms <= 0 or cutShort() is called meanwhile. */
  wait(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(timer);
        resolve();
      }, ms);
      this.waiting.set(timer, resolve);
    });
  }

  /** Ends every pending wait now; no timer is left behind. */
  cutShort(): void {
    for (const [timer, resolve] of this.waiting) {
      clearTimeout(timer);
      resolve();
    }
    this.waiting.clear();
  }
}
