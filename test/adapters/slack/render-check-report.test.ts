import { CheckReport, RuleResult } from '../../../src/check/evaluate-rules';
import { renderCheckReport } from '../../../adapters/slack/render/render-check-report';
import { allText, slackLimitViolations } from '../../support/slack-limits';

const ARGS = 'us-east1-docker.pkg.dev/acme/web/frontend:v5 --cluster prod-1 --location us-east1 --project acme';

function report(
  rules: RuleResult[],
  verdict: CheckReport['verdict'] = 'not_eligible',
  notes: string[] = [],
): CheckReport {
  return { image: 'us-east1-docker.pkg.dev/acme/web/frontend:v5', verdict, rules, notes };
}

describe('renderCheckReport', () => {
  it('shows the verdict, each failing rule with its fix in a code span, skipped flags and folded passes', () => {
    const message = renderCheckReport(
      report(
        [
          {
            id: 'api-enabled',
            status: 'fail',
            reason: 'Container File System API is disabled',
            fix: 'gcloud services enable containerfilesystem.googleapis.com --project acme',
          },
          { id: 'node-image', status: 'warn', reason: 'pool web runs UBUNTU', fix: 'use COS_CONTAINERD' },
          {
            id: 'sa-role',
            status: 'unknown',
            reason: 'IAM policy unreadable: missing resourcemanager.projects.getIamPolicy',
            fix: null,
          },
          { id: 'vpc-sc', status: 'skip', reason: 'VPC-SC not known', fix: null, settledBy: ['--vpc-sc'] },
          { id: 'region', status: 'pass', reason: 'same region', fix: null },
          { id: 'schema1', status: 'pass', reason: 'schema 2', fix: null },
        ],
        'not_eligible',
        ['picked linux/amd64 from a multi-platform index'],
      ),
      ARGS,
    );
    expect(slackLimitViolations(message)).toEqual([]);
    expect(message.blocks[0]).toMatchObject({
      type: 'header',
      text: { text: expect.stringContaining('Not eligible') },
    });
    const text = allText(message);
    expect(text).toContain('`api-enabled`: Container File System API is disabled');
    expect(text).toContain('fix: `gcloud services enable containerfilesystem.googleapis.com --project acme`');
    expect(text).toMatch(/warn\*.*`node-image`/);
    expect(text).toContain('missing resourcemanager.projects.getIamPolicy');
    expect(text).toMatch(/skipped.*`vpc-sc`[\s\S]*`--vpc-sc`/);
    expect(text).toContain('2 rules pass: region, schema1');
    expect(text).toContain('picked linux/amd64');
    // Failing before warnings, warnings before the passing summary.
    expect(text.indexOf('api-enabled')).toBeLessThan(text.indexOf('node-image'));
    expect(text.indexOf('node-image')).toBeLessThan(text.indexOf('rules pass'));
    expect(message.text).toContain('not eligible (1 fail, 1 unknown, 1 warn)');
  });

  it('says an eligible verdict rests on partial facts when rules were skipped', () => {
    const message = renderCheckReport(
      report([{ id: 'cmek', status: 'skip', reason: 'CMEK not known', fix: null, settledBy: ['--cmek'] }], 'eligible'),
      ARGS,
    );
    expect(allText(message)).toContain('on the facts given: 1 rule skipped');
  });

  it('stays within Slack limits for 200 rules with 10 KB reasons and fixes, and points to the full report', () => {
    const big = 'r'.repeat(10_000);
    const rules: RuleResult[] = Array.from({ length: 200 }, (_, i) => ({
      id: `rule-${i}`,
      status: (['fail', 'warn', 'unknown', 'skip', 'pass'] as const)[i % 5]!,
      reason: `${i} ${big}`,
      fix: `gcloud fix ${i} ${big}`,
      settledBy: [`--flag-${i}-${big}`],
    }));
    const message = renderCheckReport(report(rules, 'not_eligible', [big, big]), `${ARGS} ${big}`);
    expect(slackLimitViolations(message)).toEqual([]);
    expect(allText(message)).toContain(
      'cut: run `imagestream check us-east1-docker.pkg.dev/acme/web/frontend:v5 --cluster prod-1',
    );
  });

  it('escapes remote text and keeps a backtick in a fix from breaking its code span', () => {
    const message = renderCheckReport(
      report([
        { id: 'region', status: 'fail', reason: '<!channel> repo in <europe> & nodes in us', fix: 'move it `now`' },
      ]),
      ARGS,
    );
    const text = allText(message);
    expect(text).toContain('&lt;!channel&gt; repo in &lt;europe&gt; &amp; nodes in us');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('fix: `move it ˋnowˋ`');
  });
});
