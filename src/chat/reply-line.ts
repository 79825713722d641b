/**
 * Command replies leave a process in the order they were handed over, per conversation (a key:
 * the channel and user the commands came from). Each reply retries through a chat platform's outage on its
 * own backoff; without the line, replies held up together would arrive in whatever order their
 * retries happened to land once the platform is back. A reply waits only for the earlier ones of its own
 * conversation in this process, so one reply stuck on a failing platform holds up no one else.
 */
export class ReplyLine {
  /** The last reply handed over per conversation, until it settles. */
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly stopping = new AbortController();

  /** Runs `deliver` after every reply of `key` handed over before it has been delivered or given up. */
  send<T>(key: string, deliver: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const turn = (this.tails.get(key) ?? Promise.resolve()).then(() => deliver(this.stopping.signal));
    // A failed reply must not hold up the ones behind it: its caller sees the failure, the line moves on.
    const tail = turn.catch(() => undefined);
    this.tails.set(key, tail);
    // Forgotten once nothing is queued behind it, so the map holds only conversations in flight.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return turn;
  }

  /**
   * The process is stopping: replies stop waiting for the platform (each still gets the attempt in hand)
   * and fail, so their jobs end now and are retried by another worker instead of holding up the stop.
   */
  close(): void {
    this.stopping.abort();
  }
}
