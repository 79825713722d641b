/**
 * A bot started with no approver (no IMAGESTREAM_APPROVERS, no IMAGESTREAM_APPROVER_GROUP) runs,
 * but no request can ever be approved: its start log says so in a warning.
 */
import { createLogger } from '../../src/logging/logger';
import { startHarness } from '../support/bot-harness';

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
