/**
 * The bytes of request bodies read but not yet verified (their signature covers the whole body, so
 * it can only be checked at the end), summed over every request in flight. Each body alone is held
 * under the body limit and the body deadline, but nothing else bounds how many a sender with
 * Slack-shaped headers opens at once: 150 of them trickling 1 MiB bodies held 110 MB. Past the
 * budget, the request whose bytes crossed it is refused; Slack's own requests, a few KB each, only
 * meet a full budget while such a flood is on.
 */
export class UnverifiedBytes {
  private inFlight = 0;

  constructor(readonly budget: number) {}

  /** Counts `n` more bytes; false (and nothing counted) when they would cross the budget. */
  take(n: number): boolean {
    if (this.inFlight + n > this.budget) return false;
    this.inFlight += n;
    return true;
  }

  /** Gives back `n` bytes once their request's body is read (then verified at once) or dropped. */
  release(n: number): void {
    this.inFlight -= n;
  }
}
