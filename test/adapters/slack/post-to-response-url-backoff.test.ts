/**
 * postToResponseUrl's backoff: production's schedule by default (0.5 s doubling, capped at 15 s),
 * and the shorter one a caller injects (the fault suite runs Slack outages on a faster clock).
 */
import { postToResponseUrl } from '../../../adapters/slack/messenger/post-to-response-url';

const message = { text: 'done', blocks: [] };

/** A response URL that answers 503 `failures` times, then 200; the waits postToResponseUrl asked for. */
async function waitsThrough(failures: number, options: { retryBaseMs?: number; retryMaxMs?: number } = {}) {
  let calls = 0;
  const flaky: typeof fetch = async () => {
    calls += 1;
    return new Response(calls > failures ? 'ok' : 'down', { status: calls > failures ? 200 : 503 });
  };
  const waits: number[] = [];
  await postToResponseUrl('https://hooks.slack.com/commands/T1/1/abc', message, {
    fetch: flaky,
    sleep: async (ms) => void waits.push(ms),
    ...options,
  });
  return waits;
}

it('backs off from 0.5 s, doubling up to 15 s, by default', async () => {
  expect(await waitsThrough(8)).toEqual([500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000]);
});

it('backs off on the injected base and cap', async () => {
  expect(await waitsThrough(6, { retryBaseMs: 50, retryMaxMs: 1500 })).toEqual([50, 100, 200, 400, 800, 1500]);
});
