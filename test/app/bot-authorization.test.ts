/** Requests never wait on (or die of) a failed auth.test: Slack down while the bot starts. */
import { botAuthorization } from '../../adapters/slack/app/bot-authorization';
import { createLogger } from '../../src/logging/logger';
import { startFakeSlack } from '../fakes/slack-api';
import { messageText, startHarness } from '../support/bot-harness';

const logger = createLogger({ level: 'silent' });
const source = { isEnterpriseInstall: false, teamId: 'T1', enterpriseId: undefined };

describe('botAuthorization', () => {
  it('gives the token at once, the ids once auth.test answers, and retries a failure later, once', async () => {
    let clock = 0;
    let calls = 0;
    let fail = true;
    const auth = {
      test: async () => {
        calls += 1;
        if (fail) throw new Error('slack is down');
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' };
      },
    };
    const { authorize, warm } = botAuthorization({ auth } as never, 'xoxb-t', logger, () => clock);
    await warm();
    expect(calls).toBe(1);
    expect(await authorize(source)).toEqual({ isEnterpriseInstall: false, botToken: 'xoxb-t' });
    expect(calls).toBe(1); // too soon after the failure to try again

    clock += 10_000;
    fail = false;
    const [a, b] = await Promise.all([authorize(source), authorize(source)]);
    expect(a.botUserId).toBeUndefined(); // does not wait for the retry
    expect(b.botToken).toBe('xoxb-t');
    expect(calls).toBe(2); // one retry for two requests
    await new Promise((r) => setImmediate(r));
    expect(await authorize(source)).toMatchObject({ botToken: 'xoxb-t', botUserId: 'UBOT', botId: 'BBOT' });
    expect(calls).toBe(2);
  });
});

it('answers commands while auth.test keeps failing at start-up (Slack outage as the bot starts)', async () => {
  const slack = await startFakeSlack();
  slack.failNext('auth.test', 1000, { status: 500 });
  const h = await startHarness({}, { slack });
  try {
    const help = await h.command('help');
    expect(help.status).toBe(200);
    expect(messageText(help.body)).toContain('/imagestream');
    const status = await h.command('status shop');
    expect(status.status).toBe(200);
    const reply = await slack.waitFor((c) => c.responseId === status.responseId, 15_000);
    expect(messageText(reply.body)).toContain('shop');
  } finally {
    await h.stop();
    await slack.close();
  }
});
