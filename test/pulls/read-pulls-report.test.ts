/**
 * readPullsReport: the real @google-cloud/logging client reading the fixture's exported events
 * from the Logging fake, the cluster's pools from its `clusters.get` response, and the image
 * fully pulled on a streaming pool explained by `check`'s own rules through the Google fake.
 */
import { AccessScope } from '../../src/access/access-scope';
import { pullEventsFilter } from '../../src/cloud-logging/pull-events-filter';
import { documentToText } from '../../src/chat/document-to-text';
import { RemoteError } from '../../src/errors';
import { pullsReadMessage } from '../../src/render/pulls-read-message';
import { CACHED_EXPECTED } from '../../src/pulls/pulls-report';
import { ReadPullsInput, readPullsReport } from '../../src/pulls/read-pulls-report';
import { GB, LEGACY, TRAINER, WORKER, fixtureEntries } from './load-events';
import { PROD_1, PullsWorld, prod1Response, startPullsWorld } from './pulls-world';

const NOW = new Date('2026-12-07T09:00:00Z');

function input(extra: Partial<ReadPullsInput> = {}): ReadPullsInput {
  const request = { target: { ...PROD_1 }, since: '7d' as const };
  return {
    request,
    cluster: prod1Response(),
    filter: pullEventsFilter({ ...PROD_1, since: '7d', now: NOW }),
    ...extra,
  };
}

let world: PullsWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('readPullsReport', () => {
  it('sorts streamed, cached and full pulls per image, and explains each full pull on a streaming pool with check’s rule', async () => {
    world = await startPullsWorld();
    const read = await readPullsReport(input(), world.deps);
    const image = (name: string) => read.report.images.find((i) => i.image === name)!;

    // The fixture's one entry with no event reason is counted as unreadable, the rest analysed.
    expect(read).toMatchObject({ entriesRead: fixtureEntries().length, truncated: false, unreadable: 1 });
    expect(world.logging.requests).toHaveLength(1);
    expect(world.logging.requests[0]).toMatchObject({
      resourceNames: ['projects/acme-prod'],
      orderBy: 'timestamp desc',
      filter: input().filter,
    });
    // Streamed on `web`, cached, and a full pull on `batch-pool`, which does not stream: nothing to explain.
    expect(image(GB)).toMatchObject({
      pulls: { streamed: 2, cached: 2, full: 1, unparsed: 0 },
      seconds: { streamed: { median: 1.538, p90: 1.54 }, full: { median: 23.9, p90: 23.9 } },
      savedSeconds: 44.724,
      notStreamed: [],
    });
    // gcr.io on the streaming pool `web`: check's artifact-registry rule, with its fix.
    const legacy = image(LEGACY).notStreamed;
    expect(legacy).toHaveLength(1);
    expect(legacy[0]).toMatchObject({ pool: 'web', rule: 'artifact-registry' });
    expect(legacy[0]!.reason).toMatch(/Artifact Registry/);
    expect(legacy[0]!.fix).toMatch(/docker\.pkg\.dev/);
    // An Artifact Registry image on `ml`, which streams but lacks the storage scope: check's node-scopes rule.
    const trainer = image(TRAINER).notStreamed;
    expect(trainer).toHaveLength(1);
    expect(trainer[0]).toMatchObject({ pool: 'ml', rule: 'node-scopes' });
    expect(trainer[0]!.fix).toContain('devstorage.read_only');
    // Only cached on `web`: expected, no check; its two unreadable durations are counted, never guessed.
    expect(image(WORKER)).toMatchObject({
      pulls: { streamed: 0, cached: 1, full: 0, unparsed: 2 },
      notStreamed: [{ pool: 'web', reason: CACHED_EXPECTED, rule: null, fix: null }],
    });
    // One check per (image, pool), each reading the pool it names.
    const clusterReads = world.google.requests.filter((r) => r.api === 'container');
    expect(clusterReads).toHaveLength(2);
  });

  it('reads every page and finds the same pulls as in one page', async () => {
    world = await startPullsWorld();
    const whole = await readPullsReport(input(), world.deps);
    world.logging.requests.length = 0;
    const paged = await readPullsReport(input({ bounds: { pageSize: 3 } }), world.deps);
    const pages = Math.ceil(fixtureEntries().length / 3);
    expect(world.logging.requests.map((r) => r.pageToken)).toEqual(
      Array.from({ length: pages }, (_, i) => (i === 0 ? undefined : `offset-${i * 3}`)),
    );
    expect(paged).toEqual(whole);
  });

  it('stops at its page bound and says the counts are a lower bound', async () => {
    world = await startPullsWorld();
    const read = await readPullsReport(input({ bounds: { pageSize: 5, maxPages: 2 } }), world.deps);
    expect(world.logging.requests).toHaveLength(2);
    expect(read).toMatchObject({ entriesRead: 10, truncated: true });
    const text = documentToText(pullsReadMessage(read, { project: 'acme-prod', filter: input().filter }));
    expect(text).toContain(
      'Only the newest 10 log entries were read: counts are a lower bound and older pulls are missing.',
    );
  });

  it('checks nothing in a project outside the scope, and says why', async () => {
    world = await startPullsWorld({ scope: new AccessScope(['other-proj']) });
    const read = await readPullsReport(input(), world.deps);
    for (const name of [LEGACY, TRAINER]) {
      const [entry] = read.report.images.find((i) => i.image === name)!.notStreamed;
      expect(entry!.rule).toBeNull();
      expect(entry!.reason).toMatch(
        /^not checked: the image's project is outside the bot's scope \(project acme-prod is not one this bot may touch/,
      );
    }
    expect(world.google.requests).toEqual([]);
  });

  it('names logging.logEntries.list when Cloud Logging answers 403', async () => {
    world = await startPullsWorld();
    world.logging.failWith(403, 'The caller does not have permission');
    const failed = readPullsReport(input(), world.deps);
    await expect(failed).rejects.toBeInstanceOf(RemoteError);
    await expect(failed).rejects.toThrow(/logging\.logEntries\.list/);
  });
});
