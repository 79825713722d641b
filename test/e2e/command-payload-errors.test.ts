/**
 * A slash command whose user or channel id is not of a shape the bot accepts (signed, as Slack
 * would send it) is answered with what is wrong and counted as an error: not as a Redis outage
 * and not as `ok`.
 */
import { sample } from '../metrics/prom-text';
import { Harness, messageText, startHarness } from '../support/bot-harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ IMAGESTREAM_ROLE: 'web' });
});
afterAll(async () => {
  await h?.stop();
});

const errors = async (subcommand: string) =>
  sample(
    (await h.bot.metrics.scrape()).body,
    `imagestream_commands_total{subcommand="${subcommand}",outcome="error"}`,
  ) ?? 0;

it.each([
  ['channel', { channel: 'c-not-an-id' }, /channel id/],
  ['user', { user: 'bot:someone' }, /user id/],
])('a %s id of an unexpected shape is named in the ack and counted as an error', async (_what, ids, named) => {
  const before = await errors('status');
  const ack = await h.command('status shop', ids);
  expect(ack.status).toBe(200);
  const text = messageText(ack.body);
  expect(text).toMatch(named);
  expect(text).not.toMatch(/Redis|not answering/i);
  expect(await errors('status')).toBe(before + 1);
  expect(
    sample((await h.bot.metrics.scrape()).body, 'imagestream_commands_total{subcommand="status",outcome="ok"}'),
  ).toBeUndefined();
});
