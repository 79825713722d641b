import { cli, fixture } from '../support/cli';

const IMAGE = 'us-east1-docker.pkg.dev/acme/web/frontend:v5';
const offline = ['--gke-version', '1.29.1-gke.1589018', '--node-location', 'us-east1-b'];

describe('imagestream --help', () => {
  it('lists every subcommand', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    for (const sub of ['check', 'memory', 'classify']) expect(run.stdout).toContain(sub);
  });
  it.each(['check', 'memory', 'classify'])('%s --help shows its usage', async (sub) => {
    const run = await cli([sub, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: imagestream ${sub}`);
  });
});

describe('bad input: one line on stderr, exit 2', () => {
  it.each([
    [['nosuch']],
    [['check']],
    [['check', 'not an image']],
    [['check', IMAGE, '--gke-version', '1.27']],
    [['check', IMAGE, '--node-location', 'mars']],
    [['check', IMAGE, '--vpc-sc', 'maybe']],
    [['check', IMAGE, '--platform', 'amd64']],
    [['check', IMAGE, '--cluster', 'prod-1']],
    [['check', IMAGE, '--cluster', 'Prod_1', '--location', 'us-east1', '--project', 'acme']],
    [['check', IMAGE, '--config', 'c.json']],
    [['check', IMAGE, '--manifest', '/nonexistent/m.json']],
    [['memory']],
    [['memory', 'n9-standard-8']],
    [['memory', '-3']],
    [['classify', '/nonexistent/entries.jsonl']],
  ])('%j', async (args) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });

  it('names the missing flag for a cluster without a location', async () => {
    const run = await cli(['check', IMAGE, '--cluster', 'prod-1', '--project', 'acme']);
    expect(run.stderr).toContain('--location is required with --cluster');
  });

  it('reports a bad config value by name and exits non-zero', async () => {
    const run = await cli(['check', IMAGE, ...offline, '--no-registry'], { CONTAINER_API_ENDPOINT: 'not a url' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('CONTAINER_API_ENDPOINT');
  });
});

describe('imagestream check, offline', () => {
  it('is eligible with a clean manifest and says which rules were skipped', async () => {
    const run = await cli([
      'check',
      IMAGE,
      ...offline,
      '--manifest',
      fixture('cli', 'manifest-v2.json'),
      '--config',
      fixture('cli', 'config-v2.json'),
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('verdict: ELIGIBLE');
    expect(run.stdout).toContain('--cluster');
  });

  it('prints the JSON contract', async () => {
    const run = await cli(['check', IMAGE, ...offline, '--manifest', fixture('cli', 'manifest-v2.json'), '--json']);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ image: IMAGE, verdict: 'eligible' });
    for (const rule of out.rules) expect(Object.keys(rule).sort()).toEqual(['fix', 'id', 'reason', 'status']);
    expect(out.rules.find((r: { id: string }) => r.id === 'schema1').status).toBe('pass');
  });

  it('exits 1 with every failing reason and its fix', async () => {
    const run = await cli([
      'check',
      'gcr.io/acme/frontend:v5',
      '--gke-version',
      '1.27.3-gke.100',
      '--node-location',
      'us-east1-b',
      '--image-type',
      'UBUNTU_CONTAINERD',
      '--manifest',
      fixture('cli', 'manifest-empty-layer.json'),
      '--json',
    ]);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout);
    expect(out.verdict).toBe('not_eligible');
    const failing = out.rules.filter((r: { status: string }) => r.status === 'fail').map((r: { id: string }) => r.id);
    expect(failing.sort()).toEqual(['artifact-registry', 'empty-layer', 'node-image']);
    expect(out.rules.find((r: { id: string }) => r.id === 'symlink-rename').status).toBe('warn');
  });

  it('exits 3 when no rule fails but one that matters is unknown (registry unreachable)', async () => {
    const run = await cli(['check', IMAGE, ...offline, '--json'], {
      IMAGESTREAM_REGISTRY_URL: 'http://127.0.0.1:9',
      GOOGLE_OAUTH_ACCESS_TOKEN: 'test-token',
      IMAGESTREAM_HTTP_TIMEOUT_MS: '2000',
    });
    expect(run.code).toBe(3);
    const out = JSON.parse(run.stdout);
    expect(out.verdict).toBe('unknown');
    expect(out.rules.find((r: { id: string }) => r.id === 'schema1')).toMatchObject({
      status: 'unknown',
      reason: expect.stringContaining('could not read the manifest'),
    });
  });

  it('skips sa-role offline for a custom service account, naming what would settle it', async () => {
    const run = await cli([
      'check',
      IMAGE,
      ...offline,
      '--service-account',
      'nodes@acme.iam.gserviceaccount.com',
      '--no-registry',
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).rules.find((r: { id: string }) => r.id === 'sa-role').status).toBe('skip');
  });

  it('answers what-ifs from flags: a pull secret on 1.20 vs 1.24', async () => {
    const base = [
      'check',
      IMAGE,
      '--node-location',
      'us-east1-b',
      '--manifest',
      fixture('cli', 'manifest-v2.json'),
      '--pull-secret',
      '--json',
    ];
    const status = async (v: string) =>
      JSON.parse((await cli([...base, '--gke-version', v])).stdout).rules.find(
        (r: { id: string }) => r.id === 'pull-secret',
      ).status;
    expect(await status('1.20.0-gke.1')).toBe('fail');
    expect(await status('1.24.0-gke.1')).toBe('pass');
  });
});

describe('imagestream memory', () => {
  it.each([
    ['0.5', 0],
    ['16', 106.5],
    ['n2-standard-8', 145.82],
  ])('%s -> %s MiB', async (input, mib) => {
    const run = await cli(['memory', input, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).reservedMiB).toBeCloseTo(mib, 2);
  });
  it('prints a sentence without --json', async () => {
    expect((await cli(['memory', 'n2-standard-8'])).stdout).toContain(
      'n2-standard-8 (32 GiB): image streaming reserves 145.82 MiB',
    );
  });
});

describe('imagestream classify', () => {
  it('classifies each line in order, reports the bad line and exits 1', async () => {
    const run = await cli(['classify', fixture('cli', 'entries.jsonl'), '--json']);
    expect(run.code).toBe(1);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({
      class: 'quota_exceeded',
      cluster: 'prod-1',
      node: 'gke-prod-1-pool-1-abcd',
      insertId: 'q1',
      project: 'acme',
    });
    expect(lines[1]).toMatchObject({ line: 2 });
    expect(lines[2]).toMatchObject({ class: 'permission_denied', location: 'us-east1-c' });
    expect(lines[2].fix).toContain('devstorage.read_only');
  });
  it('reads standard input with - and exits 0 when every line is a LogEntry', async () => {
    const entry = JSON.stringify({
      logName: 'projects/p/logs/gcfsd',
      textPayload: 'level=info msg="mounted"',
      insertId: 'x',
    });
    const run = await cli(['classify', '-'], {}, entry + '\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 entries: 0 gcfsd problems, 1 without a known problem, 0 unreadable');
  });
});
