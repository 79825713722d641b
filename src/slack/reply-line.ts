/**
 * Command replies leave a process one at a time, in the order they were handed over. Each reply
 * retries through a Slack outage on its own backoff; without the line, replies held up together
 * would arrive in whatever order their retries happened to land once Slack is back. A reply waits
 * only for the ones before it in this process: while Slack answers, a post takes milliseconds.
 */
export class ReplyLine {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly stopping = new AbortController();

  /** Runs `deliver` after every reply handed over before it has been delivered or given up. */
  send<T>(deliver: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const turn = this.tail.then(() => deliver(this.stopping.signal));
    // A failed reply must not hold up the ones behind it: its caller sees the failure, the line moves on.
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  /**
   * The process is stopping: replies stop waiting for Slack (each still gets the attempt in hand)
   * and fail, so their jobs end now and are retried by another worker instead of holding up the stop.
   */
  close(): void {
    this.stopping.abort();
  }
}
