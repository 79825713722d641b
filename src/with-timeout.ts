/**
 * `promise`, or a rejection (`no answer within MS ms`) once `ms` have passed without it settling:
 * for calls that may hang, such as a command on a Redis that is down. The call itself goes on;
 * its late answer is dropped.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
