import { renderHelp } from '../../../adapters/slack/render/render-help';
import { renderUsageError } from '../../../adapters/slack/render/render-usage-error';
import { allText, slackLimitViolations } from '../../support/slack-limits';

describe('renderHelp', () => {
  it('lists every subcommand with an example', () => {
    const message = renderHelp();
    const text = allText(message);
    for (const sub of ['help', 'status', 'check', 'memory', 'enable', 'disable', 'verify', 'audit']) {
      expect(text).toMatch(new RegExp(`\`/imagestream ${sub}[ \`]`));
      expect(text).toMatch(new RegExp(`Example: \`/imagestream ${sub}\\b`));
    }
    expect(text).toContain('`/imagestream enable prod-1 --pool web --location us-east1 --project acme-prod`');
    expect(slackLimitViolations(message)).toEqual([]);
  });
});

describe('renderUsageError', () => {
  it("says what was wrong and gives that subcommand's usage line", () => {
    const message = renderUsageError('--location is required: no default location is configured', 'status');
    const text = allText(message);
    expect(text).toContain('--location is required: no default location is configured');
    expect(text).toContain('Usage: `/imagestream status CLUSTER [--location L] [--project P]`');
    expect(message.text).toContain('--location is required');
  });

  it('points to help when the subcommand itself is unknown, and escapes what the user typed', () => {
    const message = renderUsageError('unknown subcommand "<!here>"', '<!here>');
    const text = allText(message);
    expect(text).toContain('unknown subcommand "&lt;!here&gt;"');
    expect(text).not.toContain('<!here>');
    expect(text).not.toContain('Usage:');
    expect(text).toContain('`/imagestream help`');
  });

  it('stays within limits for a 10 KB message', () => {
    expect(slackLimitViolations(renderUsageError('x'.repeat(10_000), 'check'))).toEqual([]);
  });
});
