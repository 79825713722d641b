import { errorMessage } from '../errors';
import type { Logger } from '../logging/logger';

/** One thing to close on stop, named so a stop that runs out of time can say what was left. */
export interface Closer {
  name: string;
  close(): Promise<unknown>;
}

/** A stop that ran out of time: `unclosed` names the closer it was waiting for and those after it. */
export class ShutdownTimeoutError extends Error {
  constructor(
    readonly unclosed: string[],
    readonly timeoutMs: number,
  ) {
    super(`did not close within ${timeoutMs} ms: ${unclosed.join(', ')}`);
    this.name = 'ShutdownTimeoutError';
  }
}

/**
 * Closes `closers` one after the other, in order, within one overall deadline: a closer waiting on
 * a peer that stopped answering (a Redis that accepts connections and says nothing) would otherwise
 * hold the process until the platform kills it, with no word of why. A closer that fails is logged
 * and the next one runs; when time runs out, rejects with ShutdownTimeoutError (what is still
 * pending goes on in the background: the caller exits).
 */
export async function closeInOrder(closers: Closer[], logger: Logger, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const [i, closer] of closers.entries()) {
    let timer: NodeJS.Timeout | undefined;
    const outOfTime = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now()));
    });
    const closed = Promise.resolve()
      .then(() => closer.close())
      .then(
        () => 'closed' as const,
        (err: unknown) => logger.warn({ err: errorMessage(err), closing: closer.name }, 'error while stopping'),
      );
    const outcome = await Promise.race([closed, outOfTime]).finally(() => clearTimeout(timer));
    if (outcome === 'timeout')
      throw new ShutdownTimeoutError(
        closers.slice(i).map((c) => c.name),
        timeoutMs,
      );
  }
}

/**
 * `promise`, or an AbortError as soon as `signal` aborts: for a start-up step that may wait for ever
 * (a Socket Mode handshake that never completes). The step itself goes on; its late answer is dropped.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() => signal.removeEventListener('abort', onAbort!));
}
