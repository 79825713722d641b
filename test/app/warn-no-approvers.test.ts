/**
 * A bot started with no approver (no IMAGESTREAM_APPROVERS, no IMAGESTREAM_APPROVER_GROUP) runs,
 * but no request can ever be approved: its start log says so in a warning.
 */
import { createLogger } from '../../src/logging/logger';
import { startHarness } from '../support/bot-harness';
import { warnIfNoApprovers } from '../../src/app/warn-no-approvers';

jest.setTimeout(30_000);

/** Starts the real bot (web and worker) with `env` and returns its start-up warnings. */
async function startWarnings(env: NodeJS.ProcessEnv): Promise<string[]> {
  const lines: Array<{ severity: string; message: string }> = [];
  const logger = createLogger({ level: 'info', destination: { write: (l: string) => void lines.push(JSON.parse(l)) } });
  const h = await startHarness(env, { logger });
  await h.stop();
  return lines.filter((l) => l.severity === 'WARNING').map((l) => l.message);
}

describe('start-up without approvers', () => {
  it('warns that nobody can approve', async () => {
    const warnings = await startWarnings({ IMAGESTREAM_APPROVERS: '', IMAGESTREAM_APPROVER_GROUP: '' });
    expect(warnings).toContainEqual(
      expect.stringMatching(
        /^no Slack approver is configured \(IMAGESTREAM_APPROVERS and IMAGESTREAM_APPROVER_GROUP .*nobody can approve/,
      ),
    );
  });

  it('says nothing when an approver list or an approver group is set', async () => {
    for (const env of [
      { IMAGESTREAM_APPROVERS: 'U0123ABC' },
      { IMAGESTREAM_APPROVERS: '', IMAGESTREAM_APPROVER_GROUP: 'S0123ABC' },
    ]) {
      expect(await startWarnings(env)).not.toContainEqual(expect.stringMatching(/approver is configured/));
    }
  });
});

describe('each platform needs approvers of its own (a request is decided on the platform it was made on)', () => {
  const base = {
    IMAGESTREAM_APPROVERS: [] as string[],
    IMAGESTREAM_APPROVER_GROUP: undefined,
    GOOGLE_CHAT_APPROVERS: [] as string[],
    SLACK_BOT_TOKEN: undefined as string | undefined,
    SLACK_APP_TOKEN: undefined,
    GOOGLE_CHAT_AUDIENCE: undefined as string | undefined,
    GOOGLE_CHAT_SUBSCRIPTION: undefined,
  };
  function warningsOf(config: typeof base): string[] {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (l: string) => void lines.push(l) } });
    warnIfNoApprovers(config, logger);
    return lines.map((l) => (JSON.parse(l) as { message: string }).message);
  }

  it('a Google Chat bot without GOOGLE_CHAT_APPROVERS is warned about Chat only', () => {
    const warnings = warningsOf({ ...base, GOOGLE_CHAT_AUDIENCE: '123456789012' });
    expect(warnings).toEqual([expect.stringMatching(/^no Google Chat approver is configured \(GOOGLE_CHAT_APPROVERS/)]);
  });

  it('a bot serving both with Slack approvers only is warned about Chat', () => {
    const warnings = warningsOf({
      ...base,
      SLACK_BOT_TOKEN: 'xoxb-test',
      IMAGESTREAM_APPROVERS: ['U0123ABC'],
      GOOGLE_CHAT_AUDIENCE: '123456789012',
    });
    expect(warnings).toEqual([expect.stringMatching(/^no Google Chat approver/)]);
  });

  it('says nothing when every served platform has approvers', () => {
    expect(
      warningsOf({
        ...base,
        SLACK_BOT_TOKEN: 'xoxb-test',
        IMAGESTREAM_APPROVERS: ['U0123ABC'],
        GOOGLE_CHAT_AUDIENCE: '123456789012',
        GOOGLE_CHAT_APPROVERS: ['ops@example.com'],
      }),
    ).toEqual([]);
  });
});
