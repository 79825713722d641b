import { UsageError } from '../../src/errors';
import { MAX_FILTER_CHARS, gcfsdFilter, logsExplorerUrl } from '../../src/cloud-logging/gcfsd-filter';
import { quoteFilterValue } from '../../src/cloud-logging/quote-filter-value';

const now = new Date('2024-03-05T13:00:00Z');

describe('gcfsdFilter', () => {
  it('selects the gcfsd node logs and the rename errors of one regional cluster since the range start', () => {
    const filter = gcfsdFilter({ project: 'acme-prod', cluster: 'prod-east', location: 'us-east1', since: '24h', now });
    expect(filter).toBe(
      [
        'timestamp >= "2024-03-04T13:00:00.000Z"',
        'AND resource.labels.cluster_name = "prod-east"',
        'AND resource.labels.location =~ "^us-east1(-[a-z])?$"',
        'AND ((logName = "projects/acme-prod/logs/gcfsd" AND resource.type = "k8s_node") OR ' +
          '(resource.type = "k8s_container" AND (textPayload : "No such device or address" OR ' +
          'jsonPayload.message : "No such device or address")))',
      ].join('\n'),
    );
    expect(filter.length).toBeLessThanOrEqual(MAX_FILTER_CHARS);
  });

  it('matches a zone exactly, and any location when none is given', () => {
    const zonal = gcfsdFilter({ project: 'acme-prod', cluster: 'c1', location: 'us-east1-b', since: '1h', now });
    expect(zonal).toContain('AND resource.labels.location = "us-east1-b"\n');
    expect(zonal).toContain('timestamp >= "2024-03-05T12:00:00.000Z"');
    const anywhere = gcfsdFilter({ project: 'acme-prod', cluster: 'c1', since: '7d', now });
    expect(anywhere).not.toContain('resource.labels.location');
    expect(anywhere).toContain('timestamp >= "2024-02-27T13:00:00.000Z"');
  });

  it('rejects a cluster name outside the GKE rule, a bad project and a bad range with a UsageError', () => {
    const bad = [
      { project: 'acme-prod', cluster: 'prod"east', since: '1h' },
      { project: 'acme-prod', cluster: 'prod-east" OR logName:"x', since: '1h' },
      { project: 'acme-prod', cluster: 'Prod', since: '1h' },
      { project: 'acme-prod', cluster: 'a'.repeat(41), since: '1h' },
      { project: 'x"y', cluster: 'prod-east', since: '1h' },
      { project: 'acme-prod', cluster: 'prod-east', location: 'us-east1"', since: '1h' },
      { project: 'acme-prod', cluster: 'prod-east', since: '2h' },
    ];
    for (const input of bad) {
      expect(() => gcfsdFilter(input as Parameters<typeof gcfsdFilter>[0])).toThrow(UsageError);
    }
    expect(() => gcfsdFilter({ project: 'acme-prod', cluster: 'prod"east', since: '1h' })).toThrow(/invalid cluster/);
  });
});

describe('quoteFilterValue', () => {
  it('escapes backslashes and double quotes so a value cannot leave its string', () => {
    expect(quoteFilterValue('plain')).toBe('"plain"');
    expect(quoteFilterValue('a"b')).toBe('"a\\"b"');
    expect(quoteFilterValue('a\\b')).toBe('"a\\\\b"');
    // A trailing backslash must not escape the closing quote.
    expect(quoteFilterValue('x\\" OR true')).toBe('"x\\\\\\" OR true"');
  });
});

describe('logsExplorerUrl', () => {
  it('puts the encoded filter in the query and the project after it', () => {
    const filter = gcfsdFilter({ project: 'acme-prod', cluster: 'prod-east', since: '6h', now });
    const url = logsExplorerUrl('acme-prod', filter);
    const match = /^https:\/\/console\.cloud\.google\.com\/logs\/query;query=([^?]+)\?project=acme-prod$/.exec(url);
    expect(match).not.toBeNull();
    expect(decodeURIComponent(match![1]!)).toBe(filter);
    // Nothing that would break a Slack link (<url|text>) survives encoding.
    expect(url).not.toMatch(/[\s|<>"]/);
  });
});
