/** One step of an enable/disable, for the message that shows its progress. */
export interface ApplyProgress {
  phase: 'submitting' | 'waiting' | 'running' | 'done';
  /** Our operation (running, done), or the one we wait for (waiting). */
  operation?: string;
  /** Update attempt, from 1 (submitting, waiting). */
  attempt?: number;
  /** The operation's status (running), or the API's busy message (waiting). */
  detail?: string;
}

/** How an apply or a wait reports progress and paces its retries and polls. */
export interface ApplyOptions {
  /** Awaited at each step; a throw aborts the wait (the operation itself goes on in GKE). */
  onProgress?: (p: ApplyProgress) => void | Promise<void>;
  /** Default: setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Default: Date.now; with `sleep`, it measures maxWaitMs. */
  now?: () => number;
  /** Backoff for incompatible-operation retries and polls: first delay (default 2 s), doubled each time. */
  initialDelayMs?: number;
  /** Longest single delay; default 30 s. */
  maxDelayMs?: number;
  /** Budget of one phase (getting the update accepted; then following the operation); default 1 h. */
  maxWaitMs?: number;
}

/** A finished operation. */
export interface ApplyResult {
  operation: string;
  status: 'DONE';
  /** Where the operation ran (its `location`). */
  location?: string;
  operationType?: string;
  startTime?: string;
  endTime?: string;
  /**
   * True when no new update was sent: after waiting for the operation that kept the cluster busy
   * (our own, whose answer was lost, or someone else's), or following the one an unanswered update
   * started, the setting was already the requested one. `operation` is '' when it cannot be named
   * (no container.operations.list).
   */
  reusedOperation?: boolean;
}
