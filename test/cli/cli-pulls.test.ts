import { readFileSync } from 'node:fs';
import { cli, fixture } from '../support/cli';

const EVENTS = fixture('pulls', 'events.jsonl');
const POOLS = fixture('pulls', 'pools.json');
const GB = 'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5';
const lines = () => readFileSync(EVENTS, 'utf8').trim().split('\n');

describe('imagestream pulls', () => {
  it('prints the table, reports the unreadable entry like classify and exits 1, the rest counted', async () => {
    const run = await cli(['pulls', '--events', EVENTS, '--pools', POOLS]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'line 20: error: not a Kubernetes event entry: jsonPayload.reason: Invalid input: expected string, received undefined\n',
    );
    const out = run.stdout.split('\n');
    expect(out[0]).toBe('cluster prod-1, events since 2026-12-06T09:00:01.000Z');
    expect(out[1]).toMatch(
      /^IMAGE\s+STREAMED\s+CACHED\s+FULL\s+UNPARSED\s+STREAMED MEDIAN\/P90\s+FULL MEDIAN\/P90\s+SAVED$/,
    );
    expect(out[2]).toMatch(
      new RegExp(
        `^${GB.replace(/[.]/g, '\\.')}\\s+2\\s+2\\s+1\\s+0\\s+1\\.54s / 1\\.54s\\s+23\\.9s / 23\\.9s\\s+44\\.7s$`,
      ),
    );
    expect(run.stdout).toContain(
      'us-east1-docker.pkg.dev/acme-prod/ml/trainer:1.0 on ml: node-scopes: nodes lack the scope',
    );
    expect(run.stdout).toContain('--cluster=prod-1');
    expect(run.stdout).toContain(
      'gcr.io/acme-prod/legacy-api:2.3 on web: pool rules pass; image rules not checked offline',
    );
  });

  it('prints the JSON contract, a missing figure null', async () => {
    const run = await cli(['pulls', '--events', EVENTS, '--pools', POOLS, '--json', '--image', GB]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      cluster: 'prod-1',
      since: '2026-12-06T09:00:01.000Z',
      images: [
        {
          image: GB,
          pulls: { streamed: 2, cached: 2, full: 1, unparsed: 0 },
          seconds: { streamed: { median: 1.538, p90: 1.54 }, full: { median: 23.9, p90: 23.9 } },
          savedSeconds: 44.724,
          notStreamed: [],
        },
      ],
    });
  });

  it.each([
    ['JSON lines on standard input', () => lines().slice(0, -1).join('\n') + '\n'],
    [
      'an entries.list response',
      () =>
        JSON.stringify({
          entries: lines()
            .slice(0, -1)
            .map((l) => JSON.parse(l)),
        }),
    ],
    [
      'the array gcloud logging read --format=json prints',
      () =>
        JSON.stringify(
          lines()
            .slice(0, -1)
            .map((l) => JSON.parse(l)),
          null,
          2,
        ),
    ],
  ])('reads %s and exits 0 when every entry reads', async (_, input) => {
    const run = await cli(['pulls', '--events', '-', '--json'], {}, input());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).images.map((i: { image: string }) => i.image)).toHaveLength(4);
  });

  it('says there were no pulls for an empty input', async () => {
    const run = await cli(['pulls', '--events', '-'], {}, '');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('no image pulls found');
  });

  it('filters by namespace', async () => {
    const run = await cli(['pulls', '--events', EVENTS, '--json', '--namespace', 'ml']);
    expect(JSON.parse(run.stdout).images.map((i: { image: string }) => i.image)).toEqual([
      'us-east1-docker.pkg.dev/acme-prod/ml/trainer:1.0',
    ]);
  });

  it('asks for --cluster when the entries come from several clusters', async () => {
    const other = lines()[2]!.replace(/"cluster_name":"prod-1"/, '"cluster_name":"prod-2"');
    const run = await cli(['pulls', '--events', '-'], {}, [lines()[1], other].join('\n'));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('imagestream: the events come from 2 clusters (prod-1, prod-2): pick one with --cluster\n');
    const picked = await cli(
      ['pulls', '--events', '-', '--cluster', 'prod-2', '--json'],
      {},
      [lines()[1], other].join('\n'),
    );
    expect(picked.code).toBe(0);
    expect(JSON.parse(picked.stdout).cluster).toBe('prod-2');
  });

  it.each([
    [['pulls']],
    [['pulls', '--events', '/nonexistent/events.jsonl']],
    [['pulls', '--events', EVENTS, '--pools', EVENTS]],
    [['pulls', '--events', EVENTS, '--cluster', 'Prod_1']],
    [['pulls', '--events', EVENTS, '--namespace', 'Not A Namespace']],
  ])('usage error %j: one line on stderr, exit 2', async (args) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toBe('');
  });

  it('shows its usage and the definition of savedSeconds under --help', async () => {
    const run = await cli(['pulls', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: imagestream pulls');
    expect(run.stdout).toContain('savedSeconds = (median full pull - median streamed pull) x streamed pulls');
  });
});
