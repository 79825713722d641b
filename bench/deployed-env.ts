/**
 * The e2e harness's bot environment (test/support/bot-harness.ts) shortens timings so tests run
 * fast: a 2 s job lock (BullMQ then checks for stalled jobs every second, on each of the bot's
 * queues) and a 20 ms GKE poll. A benchmark measures the bot as deployed, so those are left to
 * their defaults (src/config.ts): with the test lock, the idle bot alone used ~4 ms of CPU a second.
 */
const SHORTENED_FOR_TESTS = ['IMAGESTREAM_JOB_LOCK_MS', 'IMAGESTREAM_GKE_POLL_MS'] as const;

export function deployedEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const deployed = { ...env };
  for (const key of SHORTENED_FOR_TESTS) delete deployed[key];
  return deployed;
}
