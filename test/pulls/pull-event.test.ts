import { pullEventOf } from '../../src/pulls/pull-event';
import { GB, fixtureEntries } from './load-events';

describe('pullEventOf', () => {
  const entries = fixtureEntries();

  it('reads a kubelet Pulled event of a pod: pod, namespace, node (source.host), time, duration', () => {
    const pulled = entries.map(pullEventOf).find((e) => e.kind === 'pulled');
    expect(pulled).toMatchObject({
      kind: 'pulled',
      image: GB,
      seconds: 1.536908032,
      cluster: 'prod-1',
      project: 'acme-prod',
      location: 'us-east1',
      namespace: 'default',
      pod: 'frontend-64bcc69c4b-pgzgm',
      node: 'gke-prod-1-web-3f2a9c1d-x7k2',
      at: Date.parse('2026-12-06T09:00:03Z'),
      count: 1,
    });
  });

  it('reads a node ImageStreaming event: the node from the k8s_node resource', () => {
    const streaming = entries.map(pullEventOf).find((e) => e.kind === 'streaming');
    expect(streaming).toMatchObject({ image: GB, node: 'gke-prod-1-web-3f2a9c1d-x7k2', pod: null, namespace: null });
  });

  it('leaves other reasons and other logs out', () => {
    expect(entries.map(pullEventOf).filter((e) => e.kind === 'other')).toHaveLength(1);
    expect(pullEventOf({ logName: 'projects/p/logs/gcfsd', jsonPayload: { MESSAGE: 'x' } })).toEqual({ kind: 'other' });
  });

  it.each([
    [null, 'not a LogEntry'],
    [[], 'not a LogEntry'],
    [{ logName: 'projects/p/logs/events', resource: { type: 'k8s_pod' } }, 'jsonPayload'],
    [
      { resource: { type: 'k8s_pod' }, jsonPayload: { reason: 'Pulled', message: 'x', lastTimestamp: 'yesterday' } },
      'time',
    ],
  ])('says why %j is unreadable', (entry, why) => {
    const result = pullEventOf(entry);
    expect(result.kind).toBe('unreadable');
    expect((result as { reason: string }).reason).toContain(why);
  });

  it('counts a Pulled event it cannot read as unparsed, keeping its image', () => {
    const unparsed = entries.map(pullEventOf).filter((e) => e.kind === 'unparsed');
    expect(unparsed.map((e) => (e as { image: string }).image)).toEqual([
      'us-east1-docker.pkg.dev/acme-prod/web/worker:3',
      'us-east1-docker.pkg.dev/acme-prod/web/worker:3',
    ]);
  });
});
