import { CLASS_ADVICE } from '../../src/classifier/class-advice';
import { gcfsdFilter, logsExplorerUrl } from '../../src/cloud-logging/gcfsd-filter';
import type { ErrorClassSummary, ErrorsSummary } from '../../src/cloud-logging/query-gcfsd-errors';
import { renderErrorsSummary } from '../../adapters/slack/render/render-errors-summary';
import { allText, slackLimitViolations } from '../support/slack-limits';

const now = new Date('2024-03-05T13:00:00Z');
const filter = gcfsdFilter({ project: 'acme-prod', cluster: 'prod-east', location: 'us-east1', since: '6h', now });

function summary(over: Partial<ErrorsSummary> = {}): ErrorsSummary {
  return {
    project: 'acme-prod',
    cluster: 'prod-east',
    since: '6h',
    filter,
    explorerUrl: logsExplorerUrl('acme-prod', filter),
    entriesRead: 0,
    truncated: false,
    classes: [],
    unclassified: 0,
    ...over,
  };
}

function errorClass(cls: ErrorClassSummary['class'], over: Partial<ErrorClassSummary> = {}): ErrorClassSummary {
  return {
    class: cls,
    count: 3,
    firstSeen: '2024-03-05T12:00:00Z',
    lastSeen: '2024-03-05T12:30:00.5Z',
    nodes: ['node-a'],
    nodesTotal: 1,
    sample: 'code = FailedPrecondition',
    ...CLASS_ADVICE[cls],
    images: [],
    ...over,
  };
}

describe('renderErrorsSummary', () => {
  it('says there are no errors and shows the filter used and the Logs Explorer link', () => {
    const message = renderErrorsSummary(summary({ entriesRead: 12, unclassified: 12 }));
    const text = allText(message);
    expect(text).toContain('No gcfsd errors');
    expect(text).toContain('resource.labels.cluster_name = "prod-east"');
    expect(text).toContain(`<${logsExplorerUrl('acme-prod', filter)}|`);
    expect(message.text).toBe('prod-east: no gcfsd errors in the last 6h');
    expect(slackLimitViolations(message)).toEqual([]);
  });

  it('gives one block per class with count, first and last seen, nodes, escaped sample and fix', () => {
    const message = renderErrorsSummary(
      summary({
        entriesRead: 40,
        classes: [
          errorClass('quota_exceeded', {
            count: 25,
            nodes: ['node-a', 'node-b'],
            nodesTotal: 14,
            sample: 'level=error msg="<!channel> & co"\nsecond line',
          }),
          errorClass('permission_denied', { count: 1 }),
        ],
      }),
    );
    const text = allText(message);
    expect(text).toContain('25 entries');
    expect(text).toContain('1 entry');
    expect(text).toContain('Nodes (14): `node-a`, `node-b` and 12 more');
    expect(text).toContain('<!date^1709640000^'); // first seen, 12:00:00Z
    expect(text).toContain('&lt;!channel&gt; &amp; co');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain(CLASS_ADVICE.quota_exceeded.fix.slice(0, 40));
    expect(message.text).toBe('prod-east: 25 quota_exceeded, 1 permission_denied in the last 6h');
  });

  it('says when the read was truncated', () => {
    const message = renderErrorsSummary(
      summary({ entriesRead: 10000, truncated: true, classes: [errorClass('failed_precondition')] }),
    );
    expect(allText(message)).toMatch(/Only the newest 10000 entries were read: counts are a lower bound/);
  });

  it('stays within Slack limits with every class, long samples and many nodes', () => {
    const nodes = Array.from({ length: 10 }, (_, i) => `gke-${'x'.repeat(30)}-pool-${i}`);
    const classes = (Object.keys(CLASS_ADVICE) as Array<ErrorClassSummary['class']>).map((cls) =>
      errorClass(cls, {
        count: 100000,
        nodes,
        nodesTotal: 500,
        sample: `${'<&> `'.repeat(400)}`,
        images: Array.from({ length: 5 }, (_, i) => `us-docker.pkg.dev/p/r/${'i'.repeat(200)}${i}:tag`),
      }),
    );
    const message = renderErrorsSummary(summary({ entriesRead: 10000, truncated: true, classes, unclassified: 5 }));
    expect(slackLimitViolations(message)).toEqual([]);
    for (const cls of Object.keys(CLASS_ADVICE)) expect(message.text).toContain(cls);
    // The long samples give way, never the fixes.
    for (const advice of Object.values(CLASS_ADVICE)) expect(allText(message)).toContain(advice.fix.slice(0, 60));
  });
});
