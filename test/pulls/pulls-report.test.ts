import { explainNotStreamed, NO_RULE_FAILS } from '../../src/pulls/explain-not-streamed';
import { offlinePoolCheck } from '../../src/pulls/offline-pool-check';
import { PullEvent } from '../../src/pulls/pull-event';
import { STREAMING_WINDOW_MS } from '../../src/pulls/pull-join';
import { CACHED_EXPECTED, NOT_CHECKED, analyzePulls, pullsJson } from '../../src/pulls/pulls-report';
import { GB, LEGACY, TRAINER, WORKER, fixtureEvents, fixturePools } from './load-events';

describe('analyzePulls on the fixture', () => {
  const events = fixtureEvents();
  const pools = fixturePools();
  const report = analyzePulls(events, { pools, since: '24h' });
  const image = (name: string) => report.images.find((i) => i.image === name)!;

  it('sorts the page’s example into streamed, cached and full, and figures the saving', () => {
    expect(report.cluster).toBe('prod-1');
    const gb = image(GB);
    // Two streamed (ImageStreaming on each node), one full on the non-streaming pool, one cached
    // Event seen at counts 1 and 2 (its copy from another sink not counted again).
    expect(gb.pulls).toEqual({ streamed: 2, cached: 2, full: 1, unparsed: 0 });
    expect(gb.seconds).toEqual({ streamed: { median: 1.538, p90: 1.54 }, full: { median: 23.9, p90: 23.9 } });
    expect(gb.savedSeconds).toBe(44.724);
    expect(gb.notStreamed).toEqual([]);
  });

  it('flags images never streamed on a streaming pool, and says when the cache explains it', () => {
    expect(image(LEGACY).notStreamed).toEqual([{ pool: 'web', reason: NOT_CHECKED, rule: null, fix: null }]);
    expect(image(TRAINER).notStreamed).toEqual([{ pool: 'ml', reason: NOT_CHECKED, rule: null, fix: null }]);
    expect(image(WORKER).notStreamed).toEqual([{ pool: 'web', reason: CACHED_EXPECTED, rule: null, fix: null }]);
  });

  it('counts durations it cannot read as unparsed, with no time and no saving', () => {
    expect(image(WORKER)).toMatchObject({
      pulls: { streamed: 0, cached: 1, full: 0, unparsed: 2 },
      seconds: { streamed: { median: null, p90: null }, full: { median: null, p90: null } },
      savedSeconds: null,
    });
  });

  it('prints exactly the JSON contract', () => {
    const json = pullsJson(report) as { images: Array<Record<string, unknown>> };
    expect(Object.keys(json)).toEqual(['cluster', 'since', 'images']);
    for (const i of json.images) {
      expect(Object.keys(i)).toEqual(['image', 'pulls', 'seconds', 'savedSeconds', 'notStreamed']);
    }
  });

  it('filters by image (default tag optional) and namespace', () => {
    expect(analyzePulls(events, { image: GB }).images.map((i) => i.image)).toEqual([GB]);
    expect(analyzePulls(events, { namespace: 'ml' }).images.map((i) => i.image)).toEqual([TRAINER]);
  });

  it('without a pools list: pools from node names, streaming known only where a pull streamed', () => {
    const bare = analyzePulls(events);
    expect(bare.poolSource).toBe('node name');
    const gb = bare.images.find((i) => i.image === GB)!;
    expect(gb.pools.map((p) => [p.pool, p.streaming, p.source])).toEqual([
      ['batch-pool', 'unknown', 'unknown'],
      ['web', 'on', 'streamed pulls seen'],
    ]);
    expect(gb.notStreamed.map((n) => n.pool)).toEqual(['batch-pool']);
  });
});

describe('the streaming window', () => {
  const base = {
    project: 'p',
    location: 'l',
    cluster: 'c',
    namespace: 'n',
    pod: 'pod',
    node: 'gke-c-web-3f2a9c1d-x7k2',
    count: 1,
  };
  const pulled = (at: number): PullEvent => ({
    ...base,
    identity: `pulled${at}`,
    at,
    kind: 'pulled',
    image: 'r/i',
    seconds: 2,
    includingWaitingSeconds: null,
    imageBytes: null,
  });
  const streaming = (at: number, node = base.node): PullEvent => ({
    ...base,
    node,
    pod: null,
    identity: `s${at}${node}`,
    at,
    kind: 'streaming',
    image: 'r/i:latest',
  });

  it.each([
    [0, 'streamed'],
    [STREAMING_WINDOW_MS, 'streamed'],
    [-STREAMING_WINDOW_MS, 'streamed'],
    [STREAMING_WINDOW_MS + 1, 'full'],
  ])('an ImageStreaming event %d ms from the pull makes it %s', (offset, kind) => {
    const [image] = analyzePulls([pulled(1e12), streaming(1e12 + offset)]).images;
    expect(image!.pulls[kind as 'streamed' | 'full']).toBe(1);
  });

  it('an ImageStreaming event on another node does not count', () => {
    const [image] = analyzePulls([pulled(1e12), streaming(1e12, 'gke-c-web-3f2a9c1d-zzzz')]).images;
    expect(image!.pulls).toMatchObject({ streamed: 0, full: 1 });
  });

  it('counts every occurrence an Event went through, even one not exported', () => {
    const cached = (count: number, at: number): PullEvent => ({
      ...base,
      identity: 'cached',
      count,
      at,
      kind: 'cached',
      image: 'r/i',
    });
    expect(analyzePulls([cached(3, 1), cached(5, 2)]).images[0]!.pulls.cached).toBe(3);
  });
});

describe('explainNotStreamed', () => {
  const report = analyzePulls(fixtureEvents(), { pools: fixturePools() });

  it('shows the failing rule and fix the injected check names, once per image and pool', async () => {
    const asked: string[] = [];
    const explained = await explainNotStreamed(report, async (image, pool) => {
      asked.push(`${image}@${pool}`);
      return image === LEGACY
        ? { rule: 'artifact-registry', reason: 'gcr.io is not an Artifact Registry host', fix: 'move the image' }
        : null;
    });
    expect(asked).toEqual([`${LEGACY}@web`, `${TRAINER}@ml`]);
    const of = (name: string) => explained.images.find((i) => i.image === name)!.notStreamed;
    expect(of(LEGACY)).toEqual([
      {
        pool: 'web',
        rule: 'artifact-registry',
        reason: 'gcr.io is not an Artifact Registry host',
        fix: 'move the image',
      },
    ]);
    expect(of(TRAINER)).toEqual([{ pool: 'ml', rule: null, reason: NO_RULE_FAILS, fix: null }]);
    expect(of(WORKER)).toEqual([{ pool: 'web', rule: null, reason: CACHED_EXPECTED, fix: null }]);
  });

  it('says so for one pool when the check throws', async () => {
    const explained = await explainNotStreamed(report, () => {
      throw new Error('registry down');
    });
    expect(explained.images.find((i) => i.image === LEGACY)!.notStreamed[0]!.reason).toBe(
      'eligibility check failed: registry down',
    );
  });

  it('offline, runs only the pool rules of `check` on the pool list', async () => {
    const explained = await explainNotStreamed(report, offlinePoolCheck(fixturePools(), { cluster: 'prod-1' }));
    const trainer = explained.images.find((i) => i.image === TRAINER)!.notStreamed[0]!;
    expect(trainer).toMatchObject({ pool: 'ml', rule: 'node-scopes' });
    expect(trainer.fix).toContain('--cluster=prod-1');
    expect(explained.images.find((i) => i.image === LEGACY)!.notStreamed[0]).toMatchObject({
      rule: null,
      reason: 'pool rules pass; image rules not checked offline',
    });
  });
});
