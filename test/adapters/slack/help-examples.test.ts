/**
 * Every command line the help texts and the README show must be accepted when typed: each one is
 * extracted from the rendered Slack help, the CLI's --help and README.md, then run through the
 * real parsers (the `/imagestream` listener, the CLI's commander program), asserting no usage error.
 *
 * What counts as a command line:
 * - in the Slack help and README.md: every inline code span and every line of a fenced code block
 *   that starts with `/imagestream ` or `imagestream ` (in a code block also after a `|`, so
 *   `gcloud ... | imagestream classify` is checked), with a `# comment` cut off;
 * - in the CLI's help: every line that starts with `imagestream ` (the "Examples:" blocks).
 * A span of just the command and a subcommand (`/imagestream errors` in prose) names the
 * subcommand and is skipped, as is a list of subcommands (`imagestream check|memory|classify`).
 *
 * Synopses (`status CLUSTER [--location L]`) are checked too, after this substitution: `[`, `]`,
 * `<` and `>` are dropped (the optional part is typed), `...` and `[flags]` / `[what-if flags]`
 * are dropped, `A|B` becomes A, and a placeholder (a word starting with a capital: CLUSTER, GiB)
 * becomes its sample value in SAMPLES (an unknown one fails the test: add it there).
 *
 * Nothing reaches Google: the Slack listener's queue is a recorder, and the CLI's `check` gets a
 * runner that returns once its input is valid. The listener runs as a bot configured with a default
 * project and location, as the help's own note assumes (`/imagestream errors prod-1 --since 6h`).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { SlashCommand } from '@slack/bolt';
import type { WebDeps } from '../../../handlers/web-deps';
import { AccessScope } from '../../../src/access/access-scope';
import { imagestreamCommand } from '../../../adapters/slack/commands/imagestream-command';
import { runCli } from '../../../src/cli/run-cli';
import type { CheckOptions } from '../../../src/check/check-options';
import type { CommandOutcome } from '../../../src/metrics/bot-metrics';
import { createLogger } from '../../../src/logging/logger';
import { renderHelp } from '../../../adapters/slack/render/render-help';
import { allText } from '../../support/slack-limits';

/** Sample values for the README's and help's placeholders (valid for every parser). */
const SAMPLES: Record<string, string> = {
  CLUSTER: 'prod-1',
  C: 'prod-1',
  IMAGE: 'us-east1-docker.pkg.dev/acme-prod/web/frontend:v5',
  // `pulls --image I`
  I: 'us-east1-docker.pkg.dev/acme-prod/web/frontend:v5',
  L: 'us-east1',
  P: 'acme-prod',
  NP: 'web',
  // `audit [N]`, and `pulls --namespace N` (a valid namespace name too)
  N: '10',
  V: '1.27.3-gke.100',
  MACHINE_TYPE: 'n2-standard-8',
  GiB: '16',
  FILE: 'entries.json',
};

/** A synopsis or example as it would be typed: placeholders replaced, optional parts typed. */
function instantiate(line: string): string {
  return line
    .replace(/\\\|/g, '|')
    .replace(/\[(?:[a-z-]+ )*flags\]/g, ' ')
    .replace(/\.\.\./g, ' ')
    .replace(/[[\]<>]/g, ' ')
    .trim()
    .split(/\s+/)
    .map((word) => {
      const first = word.includes('|') && !word.startsWith('/') ? word.split('|')[0]! : word;
      if (/^[A-Z][A-Za-z_]*$/.test(first)) {
        const sample = SAMPLES[first];
        if (sample === undefined) throw new Error(`no sample value for placeholder ${first} in "${line}"`);
        return sample;
      }
      return first;
    })
    .join(' ');
}

/** Whether a span is a command line (not a bare subcommand name, nor a list of subcommands). */
function isCommandLine(line: string): boolean {
  return line.trim().split(/\s+/).length > 2;
}

/** Inline code spans and fenced-code lines of a Markdown or mrkdwn text that start with the command. */
function commandLines(text: string, command: RegExp): string[] {
  const found: string[] = [];
  let fenced = false;
  for (const raw of text.split('\n')) {
    if (raw.trim().startsWith('```')) {
      fenced = !fenced;
      continue;
    }
    if (fenced) {
      const m = raw.match(new RegExp(`(?:^|\\|\\s*)(${command.source}\\s.*)$`));
      if (m) found.push(m[1]!.replace(/\s+#.*$/, '').trim());
      continue;
    }
    for (const span of raw.matchAll(/`([^`]+)`/g)) {
      if (new RegExp(`^${command.source}\\s`).test(span[1]!)) found.push(span[1]!.trim());
    }
  }
  return found.filter(isCommandLine);
}

const README = readFileSync(`${__dirname}/../../../README.md`, 'utf8');
const SLASH = /\/imagestream/;
const CLI = /imagestream/;

// ---- /imagestream: the real listener with recording fakes (a bot configured with defaults) ----

async function slashCommand(text: string): Promise<{ outcome: CommandOutcome; reply: string }> {
  let outcome: CommandOutcome | undefined;
  let reply = '';
  const deps = {
    config: {
      GOOGLE_CLOUD_PROJECT: 'acme-prod',
      IMAGESTREAM_DEFAULT_LOCATION: 'us-east1',
      IMAGESTREAM_MUTATION_CHANNELS: [],
      IMAGESTREAM_PLATFORM: 'linux/amd64',
      IMAGESTREAM_MUTE_BY: 'approvers',
    },
    logger: createLogger({ level: 'silent' }),
    queue: { enqueue: async () => 'job-1' },
    audit: { recent: async () => [], record: async () => undefined },
    metrics: { command: (_sub: string, seen: CommandOutcome) => (outcome = seen) },
    scope: new AccessScope(),
  } as unknown as WebDeps;
  const listener = imagestreamCommand(deps);
  const command = {
    text: text.replace(/^\/imagestream\s*/, ''),
    user_id: 'U0REQUEST1',
    channel_id: 'C0CHANNEL1',
    response_url: 'https://hooks.slack.com/commands/T1/1/x',
  } as SlashCommand;
  await listener({
    command,
    ack: async (body: { text?: string }) => {
      reply = body?.text ?? '';
    },
  } as never);
  return { outcome: outcome!, reply };
}

// ---- imagestream: the CLI's commander program, `check` stopping once its input is valid ----

async function cliCommand(line: string): Promise<{ code: number; stderr: string; checked?: CheckOptions }> {
  let stderr = '';
  let checked: CheckOptions | undefined;
  const code = await runCli(
    line.replace(/^imagestream\s+/, '').split(/\s+/),
    {
      stdout: () => undefined,
      stderr: (s) => (stderr += s),
      readStdin: async () => '',
      readFile: async () => '',
      env: { METADATA_SERVER_DETECTION: 'none' },
    },
    {
      runCheck: async (options) => {
        checked = options;
        return 0;
      },
    },
  );
  return { code, stderr, checked };
}

async function cliHelp(args: string[]): Promise<string> {
  let out = '';
  const io = {
    stdout: (s: string) => (out += s),
    stderr: (s: string) => (out += s),
    readStdin: async () => '',
    readFile: async () => '',
    env: {},
  };
  await runCli(args, io);
  return out;
}

describe('the Slack help', () => {
  const lines = commandLines(allText(renderHelp()), SLASH);

  it.each(lines)('accepts %s', async (line) => {
    const { outcome, reply } = await slashCommand(instantiate(line));
    expect({ line, outcome, reply }).toEqual({ line, outcome: 'ok', reply: expect.any(String) });
  });
});

describe("the CLI's help", () => {
  let lines: string[] = [];
  beforeAll(async () => {
    const help = (
      await Promise.all([[], ['check'], ['memory'], ['classify']].map((c) => cliHelp([...c, '--help'])))
    ).join('\n');
    lines = help
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => /^imagestream\s/.test(l));
  });

  it('shows examples for every subcommand', () => {
    for (const sub of ['check', 'memory', 'classify']) {
      expect(lines.some((l) => l.startsWith(`imagestream ${sub} `))).toBe(true);
    }
  });

  it('accepts every example', async () => {
    for (const line of lines) {
      const { code, stderr } = await cliCommand(instantiate(line));
      expect({ line, code, stderr }).toEqual({ line, code: 0, stderr: '' });
    }
  });
});

describe('README.md', () => {
  const slash = commandLines(README, SLASH);
  const cli = commandLines(README, CLI).filter((l) => !l.startsWith('/'));

  it('has command lines of both kinds to check', () => {
    expect(slash.length).toBeGreaterThan(5);
    expect(cli.length).toBeGreaterThan(2);
  });

  it.each(slash)('accepts %s', async (line) => {
    const { outcome, reply } = await slashCommand(instantiate(line));
    expect({ line, outcome, reply }).toEqual({ line, outcome: 'ok', reply: expect.any(String) });
  });

  it.each(cli)('accepts %s', async (line) => {
    const { code, stderr } = await cliCommand(instantiate(line));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });

  it("classifies its sample gcfsd line as the README says (echo '...' | imagestream classify -)", async () => {
    const sample = README.match(/^echo '(\{.*\})' \| imagestream classify -$/m);
    expect(sample).not.toBeNull();
    let stdout = '';
    const code = await runCli(['classify', '--json', '-'], {
      stdout: (s) => (stdout += s),
      stderr: () => undefined,
      readStdin: async () => sample![1]!,
      readFile: async () => '',
      env: {},
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      class: 'permission_denied',
      cluster: 'prod-1',
      node: 'gke-prod-1-web-3f2a',
    });
  });

  it('links only to files inside the repository', () => {
    // The domain notes the project works from are its own (docs/), not a path outside the clone.
    expect(README).not.toMatch(/\.\.\/shared\b/);
    const targets = [...README.matchAll(/\]\(([^)#]+)(?:#[^)]*)?\)/g)]
      .map((m) => m[1]!)
      .filter((t) => !/^https?:/.test(t));
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) {
      expect({ target, inside: !target.startsWith('..') && existsSync(`${__dirname}/../../../${target}`) }).toEqual({
        target,
        inside: true,
      });
    }
  });
});
