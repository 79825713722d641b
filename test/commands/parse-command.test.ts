/**
 * The core's command parser (src/commands), without any chat platform: each subcommand's typed
 * result with the configured defaults applied, and each usage error a user can meet.
 */
import { SUBCOMMANDS, SUBCOMMAND_USAGE } from '../../src/commands/catalogue';
import { parseCommand } from '../../src/commands/parse-command';
import { UsageError } from '../../src/errors';

const DEFAULTS = { project: 'acme-prod', location: 'us-east1' };
const IMAGE = 'us-east1-docker.pkg.dev/acme-prod/web/frontend:v5';

describe('parseCommand: a typed command with the defaults applied', () => {
  it.each([
    ['', { name: 'help' }],
    ['help', { name: 'help' }],
    ['HELP me', { name: 'help' }],
    ['status prod-1', { name: 'status', target: { project: 'acme-prod', location: 'us-east1', cluster: 'prod-1' } }],
    [
      'status prod-1 --location europe-west1-b --project other-proj',
      { name: 'status', target: { project: 'other-proj', location: 'europe-west1-b', cluster: 'prod-1' } },
    ],
    [
      'enable prod-1 --pool web',
      { name: 'enable', target: { project: 'acme-prod', location: 'us-east1', cluster: 'prod-1', pool: 'web' } },
    ],
    ['disable prod-1', { name: 'disable', target: { project: 'acme-prod', location: 'us-east1', cluster: 'prod-1' } }],
    [
      'verify prod-1 --pool web',
      { name: 'verify', target: { project: 'acme-prod', location: 'us-east1', cluster: 'prod-1', pool: 'web' } },
    ],
    ['memory n2-standard-8', { name: 'memory', target: { memoryGiB: 32, machineType: 'n2-standard-8' } }],
    ['memory 16', { name: 'memory', target: { memoryGiB: 16 } }],
    [
      'errors prod-1',
      { name: 'errors', since: '24h', target: { project: 'acme-prod', cluster: 'prod-1', location: 'us-east1' } },
    ],
    [
      'errors prod-1 --since 6h --location us-east1-b',
      { name: 'errors', since: '6h', target: { project: 'acme-prod', cluster: 'prod-1', location: 'us-east1-b' } },
    ],
    ['setup-alerts', { name: 'setup-alerts', project: 'acme-prod', print: false }],
    ['setup-alerts --print --project other-proj', { name: 'setup-alerts', project: 'other-proj', print: true }],
    ['audit', { name: 'audit', count: 10 }],
    ['audit 500', { name: 'audit', count: 100 }],
    ['audit 0', { name: 'audit', count: 1 }],
    [`check ${IMAGE}`, { name: 'check', options: { image: IMAGE } }],
    [
      `check ${IMAGE} --cluster prod-1 --pool web --autopilot --no-file-caps`,
      {
        name: 'check',
        options: {
          image: IMAGE,
          cluster: 'prod-1',
          pool: 'web',
          autopilot: true,
          fileCaps: false,
          location: 'us-east1',
          project: 'acme-prod',
        },
      },
    ],
  ])('%j', (text, expected) => {
    expect(parseCommand(text, DEFAULTS)).toEqual(expected);
  });

  it('non-breaking spaces separate words, and the subcommand is case-insensitive', () => {
    expect(parseCommand('Status\u00a0prod-1', DEFAULTS)).toEqual({
      name: 'status',
      target: { project: 'acme-prod', location: 'us-east1', cluster: 'prod-1' },
    });
  });

  it('errors without a location (none typed, none configured) reads every location: no stand-in location', () => {
    expect(parseCommand('errors prod-1', { project: 'acme-prod' })).toEqual({
      name: 'errors',
      since: '24h',
      target: { project: 'acme-prod', cluster: 'prod-1', location: undefined },
    });
  });

  it('every subcommand of the catalogue parses its own example', () => {
    for (const name of SUBCOMMANDS) {
      const example = SUBCOMMAND_USAGE[name].example.replace(/^\/imagestream\s*/, '');
      expect(parseCommand(example, DEFAULTS).name).toBe(name);
    }
  });

  it('only enable, disable and setup-alerts are mutating', () => {
    expect(SUBCOMMANDS.filter((name) => SUBCOMMAND_USAGE[name].mutating)).toEqual([
      'enable',
      'disable',
      'setup-alerts',
    ]);
  });
});

describe('parseCommand: usage errors', () => {
  it.each([
    // The text and the subcommand.
    ['x'.repeat(1001), DEFAULTS, 'the command is 1001 characters long; at most 1000'],
    [
      'nope',
      DEFAULTS,
      'unknown subcommand "nope"; try one of: help, status, check, memory, enable, disable, verify, errors, pulls, setup-alerts, audit',
    ],
    // Flags (util.parseArgs, strict).
    ['status prod-1 --bogus', DEFAULTS, "unknown flag '--bogus'"],
    ['status prod-1 --pool web', DEFAULTS, "unknown flag '--pool'"],
    ['status prod-1 --location', DEFAULTS, "Option '--location <value>' argument missing"],
    // Cluster commands.
    ['status', DEFAULTS, 'name the cluster'],
    ['verify a b c d', DEFAULTS, 'one cluster at a time (got a, b, c)'],
    ['enable prod-1', {}, 'missing --location (no default location is configured)'],
    ['enable prod-1', { location: 'us-east1' }, 'missing --project (no default project is configured)'],
    [
      'status Prod',
      DEFAULTS,
      'invalid cluster "Prod": must be 1-40 lowercase letters, digits or hyphens, starting with a letter',
    ],
    [
      'status prod-1 --location mars',
      DEFAULTS,
      'invalid location "mars": must be a region (us-east1) or a zone (us-east1-b)',
    ],
    [
      'disable prod-1 --pool Web',
      DEFAULTS,
      'invalid pool "Web": must be 1-40 lowercase letters, digits or hyphens, starting with a letter',
    ],
    // check.
    ['check', DEFAULTS, 'name exactly one image'],
    [
      `check ${IMAGE} --node-location mars`,
      DEFAULTS,
      'nodeLocation: must be a region (us-east1) or a zone (us-east1-b)',
    ],
    [`check ${IMAGE} --pool web`, DEFAULTS, '--pool needs --cluster'],
    [`check ${IMAGE} --location us-east1`, DEFAULTS, '--location needs --cluster'],
    [`check ${IMAGE} --project acme-prod`, DEFAULTS, '--project needs --cluster'],
    [`check ${IMAGE} --cluster prod-1`, {}, 'missing --location (no default location is configured)'],
    // memory.
    ['memory', DEFAULTS, 'give one machine type or a size in GiB'],
    // errors.
    ['errors', DEFAULTS, 'name one cluster'],
    ['errors prod-1 --since 2h', DEFAULTS, '--since must be one of 1h, 6h, 24h, 7d'],
    ['errors prod-1', { location: 'us-east1' }, 'missing --project (no default project is configured)'],
    [
      'errors prod-1 --location mars',
      DEFAULTS,
      'invalid location "mars": must be a region (us-east1) or a zone (us-east1-b)',
    ],
    // setup-alerts.
    ['setup-alerts now', DEFAULTS, 'unexpected argument "now"'],
    ['setup-alerts', {}, 'missing --project (no default project is configured)'],
    ['setup-alerts --project BAD', DEFAULTS, 'invalid --project "BAD"'],
    // audit.
    ['audit lots', DEFAULTS, 'audit takes one number, the count of events to show (1-100)'],
    ['audit 1 2', DEFAULTS, 'audit takes one number, the count of events to show (1-100)'],
  ])('%j', (text, defaults, message) => {
    let thrown: unknown;
    try {
      parseCommand(text, defaults);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as Error).message).toBe(message);
  });

  it('an invalid image or version names what is wrong', () => {
    expect(() => parseCommand('check NGINX', DEFAULTS)).toThrow(UsageError);
    expect(() => parseCommand(`check ${IMAGE} --gke-version bad`, DEFAULTS)).toThrow(UsageError);
    expect(() => parseCommand('memory bogus', DEFAULTS)).toThrow(UsageError);
  });
});
