/**
 * One bot process serving Slack and Google Chat at once: a Slack slash command and a Chat slash
 * command reach the same core, and each answer goes back to the platform it came from.
 */
import { type Harness, startHarness } from '../support/bot-harness';
import { slashCommand, visibleText } from '../support/google-chat-events';
import { CHAT_SPACE, type ChatRig, startChatRig } from '../support/google-chat-rig';
import { until } from '../support/until';

jest.setTimeout(30_000);

let rig: ChatRig;
let h: Harness;

beforeAll(async () => {
  rig = await startChatRig();
  h = await startHarness(rig.env);
});

afterAll(async () => {
  await h?.stop();
  await rig?.close();
});

it('serves a Slack command and a Google Chat command from one process, each answered on its own platform', async () => {
  const chat = await rig.send(h.bot.port!, slashCommand('status shop'));
  expect(chat.status).toBe(200);
  expect(visibleText(chat.body as never)).toContain('Reading image streaming settings');
  const slack = await h.command('status shop');
  expect(slack.status).toBe(200);
  await until(() => rig.chat.messagesIn(CHAT_SPACE).length > 0, 10_000, 'the Chat answer');
  const [answer] = rig.chat.messagesIn(CHAT_SPACE);
  expect(JSON.stringify(answer)).toContain('shop');
  await until(
    () => h.slack.callsOf('response_url').some((c) => JSON.stringify(c).includes(slack.responseId)),
    10_000,
    'the Slack answer',
  );
});
