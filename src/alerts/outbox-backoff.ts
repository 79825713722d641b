/**
 * The delay before retrying a failed call to a chat platform: doubling from `baseMs`, capped at `maxMs`, with
 * jitter so that replicas that failed together do not retry together.
 */
export function outboxBackoff(attemptsMade: number, baseMs: number, maxMs: number): number {
  const exponent = Math.min(30, Math.max(0, attemptsMade - 1));
  const delay = Math.min(maxMs, baseMs * 2 ** exponent);
  return Math.round(delay / 2 + Math.random() * (delay / 2));
}
