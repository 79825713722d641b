/** Polling for a condition, in tests and benches that watch real processes and fakes. */

/**
 * Polls `check` every 100 ms until it holds; after `timeoutMs` throws `timed out waiting for WHAT`,
 * followed by `explain()`'s answer (the state to debug from: CI keeps only the output) when given.
 */
export async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
  explain?: () => Promise<unknown>,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) {
      // An explain that throws (or rejects) still leaves its error in the message.
      const state = explain
        ? `\n${JSON.stringify(
            await Promise.resolve()
              .then(explain)
              .catch((err) => String(err)),
            null,
            1,
          )}`
        : '';
      throw new Error(`timed out waiting for ${what}${state}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
