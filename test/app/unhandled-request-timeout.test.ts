/**
 * A request no listener acks is answered 404 once Bolt's wait for an ack ends: 3 s by default, or
 * BotOptions.unhandledRequestTimeoutMs (the fuzz suite sends hundreds of them).
 */
import { Harness, startHarness } from '../support/bot-harness';
import { postSigned } from '../support/slack-sign';

// A block_actions with no type-specific fields: Bolt finds no listener for it.
const UNROUTABLE = `payload=${encodeURIComponent('{"type":"no_such_type","user":{"id":"U1"}}')}`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({}, { unhandledRequestTimeoutMs: 100 });
});
afterAll(async () => h?.stop());

it('answers an unroutable request with a 404 after the injected wait, well before Bolt’s 3 s', async () => {
  // A race, not a measurement: the 404 must come before a 2 s timer that the 3 s default would lose to.
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), 2000)));
  try {
    const answer = await Promise.race([postSigned(h.bot.port!, UNROUTABLE).then((r) => r.status), late]);
    expect(answer).toBe(404);
  } finally {
    clearTimeout(timer);
  }
  expect((await h.command('help')).status).toBe(200);
});
