/**
 * One bot process serving Slack and Google Chat at once: a Slack slash command and a Chat slash
 * command reach the same core, and each answer goes back to the platform it came from.
 */
import { type RunningBot, startBot } from '../../src/app/start-bot';
import { loadBotConfig } from '../../src/config';
import { createLogger } from '../../src/logging/logger';
import { type Harness, botEnv, deleteKeys, startHarness } from '../support/bot-harness';
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

describe('a Google Chat-only bot over HTTP (no Slack configured)', () => {
  let bot: RunningBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    await deleteKeys(prefix);
  });
  const prefix = `e2e-chat-only-${process.pid}`;

  it('serves POST /google-chat/events on the ops server beside the probes, and nothing of Slack', async () => {
    const env: NodeJS.ProcessEnv = { ...botEnv(h.slack, h.gke, rig.env), IMAGESTREAM_REDIS_PREFIX: prefix };
    for (const key of Object.keys(env)) if (key.startsWith('SLACK_')) delete env[key];
    delete env.IMAGESTREAM_APPROVERS;
    bot = await startBot(loadBotConfig(env), createLogger({ level: 'silent' }), {
      pubsubEndpoint: 'http://127.0.0.1:9/',
    });
    const port = bot.port!;
    const before = rig.chat.messagesIn(CHAT_SPACE).length;
    const answer = await rig.send(port, slashCommand('status shop'));
    expect(answer.status).toBe(200);
    expect(visibleText(answer.body as never)).toContain('Reading image streaming settings of shop');
    await until(() => rig.chat.messagesIn(CHAT_SPACE).length > before, 10_000, "the job's answer in Chat");
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    // No Slack front door in this process.
    expect((await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST' })).status).toBe(404);
  });
});
