import { MAX_FILTER_CHARS } from '../../src/cloud-logging/gcfsd-filter';
import { PullEventsFilterInput, pullEventsFilter } from '../../src/cloud-logging/pull-events-filter';
import { UsageError } from '../../src/errors';

const now = new Date('2024-03-05T13:00:00Z');
const SHOP = { project: 'acme-prod', location: 'europe-west1', cluster: 'shop' };
const IMAGE = 'us-east1-docker.pkg.dev/acme-prod/web/frontend:v5';

describe('pullEventsFilter', () => {
  it("selects one regional cluster's pull events of pods and nodes since the range start", () => {
    expect(pullEventsFilter({ ...SHOP, since: '24h', now })).toBe(
      [
        'timestamp >= "2024-03-04T13:00:00.000Z"',
        'AND log_id("events")',
        'AND resource.type = ("k8s_pod" OR "k8s_node")',
        'AND resource.labels.project_id = "acme-prod"',
        'AND resource.labels.location =~ "^europe-west1(-[a-z])?$"',
        'AND resource.labels.cluster_name = "shop"',
        'AND jsonPayload.reason = ("Pulling" OR "Pulled" OR "ImageStreaming")',
      ].join('\n'),
    );
  });

  it('always bounds the time (getEntries adds its own 24 h bound to a filter without one), by --since', () => {
    const start = (since: PullEventsFilterInput['since']) =>
      /^timestamp >= "([^"]+)"$/m.exec(pullEventsFilter({ ...SHOP, since, now }))?.[1];
    expect(start('1h')).toBe('2024-03-05T12:00:00.000Z');
    expect(start('6h')).toBe('2024-03-05T07:00:00.000Z');
    expect(start('7d')).toBe('2024-02-27T13:00:00.000Z');
  });

  it('matches a zonal cluster by its zone exactly', () => {
    const filter = pullEventsFilter({ ...SHOP, location: 'us-east1-b', since: '1h', now });
    expect(filter).toContain('\nAND resource.labels.location = "us-east1-b"\n');
  });

  it('narrows pod events to a namespace and keeps node events, which have none', () => {
    const filter = pullEventsFilter({ ...SHOP, since: '1h', namespace: 'web', now });
    expect(filter.split('\n').at(-1)).toBe(
      'AND (resource.type = "k8s_node" OR resource.labels.namespace_name = "web")',
    );
  });

  it('narrows to the events whose message names the image, as typed', () => {
    const filter = pullEventsFilter({ ...SHOP, since: '1h', image: IMAGE, namespace: 'web', now });
    expect(filter.split('\n').slice(-2)).toEqual([
      'AND (resource.type = "k8s_node" OR resource.labels.namespace_name = "web")',
      `AND jsonPayload.message : "${IMAGE}"`,
    ]);
    const pinned = `${IMAGE}@sha256:${'a'.repeat(64)}`;
    expect(pullEventsFilter({ ...SHOP, since: '1h', image: pinned, now })).toContain(
      `\nAND jsonPayload.message : "${pinned}"`,
    );
  });

  it('stays far below the 20,000 characters Cloud Logging takes, with the longest values', () => {
    const longImage = `us-east1-docker.pkg.dev/${'a/'.repeat(489)}b:${'t'.repeat(20)}`;
    expect(longImage.length).toBe(1024);
    expect(() => pullEventsFilter({ ...SHOP, since: '7d', image: `${longImage}t`, now })).toThrow(
      /longer than 1024 characters/,
    );
    const filter = pullEventsFilter({ ...SHOP, since: '7d', image: longImage, namespace: 'n'.repeat(63), now });
    expect(filter.length).toBeLessThan(1600);
    expect(filter.length).toBeLessThan(MAX_FILTER_CHARS);
  });

  it.each<[string, Partial<PullEventsFilterInput>, RegExp]>([
    // A value that would close its string and add clauses of its own, in every field.
    ['cluster', { cluster: 'shop" OR log_id("gcfsd' }, /^invalid cluster "shop" OR log_id\("gcfsd": must be/],
    ['project', { project: 'acme-prod" OR "x' }, /^invalid project /],
    ['location', { location: 'europe-west1)?$" OR "x' }, /^invalid location /],
    ['namespace', { namespace: 'web" OR resource.type = "k8s_container' }, /^invalid namespace /],
    ['namespace', { namespace: 'web\\' }, /^invalid namespace /],
    [
      'image',
      { image: 'us-east1-docker.pkg.dev/p/r/i:v5" OR "x' },
      /^invalid image reference "us-east1-docker.pkg.dev\/p\/r\/i:v5" OR "x": /,
    ],
    ['image', { image: 'us-east1-docker.pkg.dev/p/r/i\\" OR x' }, /^invalid image reference /],
    ['image', { image: 'nginx' }, /^invalid image reference "nginx": no registry host/],
    ['since', { since: '2h' as never }, /^invalid --since "2h": must be one of 1h, 6h, 24h, 7d$/],
    ['cluster (missing)', { cluster: undefined as never }, /^invalid cluster \(missing\)/],
  ])('refuses a bad %s with a UsageError before building anything', (_field, change, message) => {
    const input = { ...SHOP, since: '1h', now, ...change } as PullEventsFilterInput;
    expect(() => pullEventsFilter(input)).toThrow(UsageError);
    expect(() => pullEventsFilter(input)).toThrow(message);
  });
});
