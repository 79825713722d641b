/**
 * `/imagestream pulls` from the typed text to the queued job, without any chat platform: what the
 * parser makes of it, each usage error a user can meet (with the usage line, as for every
 * command), the queued payload and the private "working on it" answer.
 */
import { runCommand, CommandInput } from '../../handlers/commands/run-command';
import type { WebDeps } from '../../handlers/web-deps';
import { AccessScope } from '../../src/access/access-scope';
import { documentToText } from '../../src/chat/document-to-text';
import { principalId } from '../../src/chat/principal-id';
import { plainText } from '../../src/chat/rich-text';
import { parseCommand } from '../../src/commands/parse-command';
import { UsageError } from '../../src/errors';
import { createLogger } from '../../src/logging/logger';
import { JOB_SCHEMAS } from '../../src/queue/job-schemas';

const DEFAULTS = { project: 'acme-prod', location: 'us-east1' };
const IMAGE = 'us-east1-docker.pkg.dev/acme-prod/web/frontend:v5';
const USAGE =
  'Usage: /imagestream pulls CLUSTER [--image I] [--namespace N] [--since 1h|6h|24h|7d] [--location L] [--project P]';
const REPLY_TO = {
  conversation: { platform: 'test', space: 'C0OPS' },
  requester: principalId('test', 'alice'),
};

function setup(options: { projects?: string[] } = {}) {
  const queued: Array<{ name: string; payload: unknown }> = [];
  const deps = {
    config: {
      GOOGLE_CLOUD_PROJECT: 'acme-prod',
      IMAGESTREAM_DEFAULT_LOCATION: 'us-east1',
      IMAGESTREAM_MUTATION_CHANNELS: [],
      IMAGESTREAM_ACK_REDIS_TIMEOUT_MS: 500,
    },
    logger: createLogger({ level: 'silent' }),
    queue: {
      enqueue: async (name: string, payload: unknown) => {
        queued.push({ name, payload });
        return 'job-1';
      },
    },
    audit: { recent: async () => [], record: async () => undefined },
    scope: new AccessScope(options.projects ?? []),
  } as unknown as WebDeps;
  const run = (text: string) => {
    const input: CommandInput = {
      text,
      requester: REPLY_TO.requester,
      conversation: REPLY_TO.conversation,
      replyTo: REPLY_TO,
    };
    return runCommand(input, deps);
  };
  return { run, queued };
}

describe('parseCommand: pulls', () => {
  it.each([
    [
      'pulls prod-1',
      { name: 'pulls', since: '24h', target: { project: 'acme-prod', location: 'us-east1', cluster: 'prod-1' } },
    ],
    [
      `pulls prod-1 --image ${IMAGE} --namespace web --since 7d --location us-east1-b --project other-proj`,
      {
        name: 'pulls',
        since: '7d',
        image: IMAGE,
        namespace: 'web',
        target: { project: 'other-proj', location: 'us-east1-b', cluster: 'prod-1' },
      },
    ],
  ])('%j', (text, expected) => {
    expect(parseCommand(text, DEFAULTS)).toEqual(expected);
  });

  it.each([
    ['pulls', DEFAULTS, 'name the cluster'],
    ['pulls a b c d', DEFAULTS, 'one cluster at a time (got a, b, c)'],
    ['pulls prod-1 --since 2h', DEFAULTS, '--since must be one of 1h, 6h, 24h, 7d'],
    ['pulls prod-1 --since', DEFAULTS, "Option '--since <value>' argument missing"],
    ['pulls prod-1 --pool web', DEFAULTS, "unknown flag '--pool'"],
    ['pulls prod-1', { project: 'acme-prod' }, 'missing --location (no default location is configured)'],
    ['pulls prod-1', { location: 'us-east1' }, 'missing --project (no default project is configured)'],
    [
      'pulls Prod-1',
      DEFAULTS,
      'invalid cluster "Prod-1": must be 1-40 lowercase letters, digits or hyphens, starting with a letter',
    ],
    [
      'pulls prod-1 --location mars',
      DEFAULTS,
      'invalid location "mars": must be a region (us-east1) or a zone (us-east1-b)',
    ],
    [
      'pulls prod-1 --namespace Web',
      DEFAULTS,
      'invalid namespace "Web": must be a Kubernetes namespace: 1-63 lowercase letters, digits or hyphens, starting and ending with a letter or digit',
    ],
    [
      'pulls prod-1 --namespace web-',
      DEFAULTS,
      'invalid namespace "web-": must be a Kubernetes namespace: 1-63 lowercase letters, digits or hyphens, starting and ending with a letter or digit',
    ],
    [
      `pulls prod-1 --namespace ${'a'.repeat(64)}`,
      DEFAULTS,
      `invalid namespace "${'a'.repeat(60)}": must be a Kubernetes namespace: 1-63 lowercase letters, digits or hyphens, starting and ending with a letter or digit`,
    ],
    [
      'pulls prod-1 --image nginx',
      DEFAULTS,
      'invalid image reference "nginx": no registry host (expected HOST/PATH[:TAG][@sha256:DIGEST])',
    ],
    [
      'pulls prod-1 --image us-east1-docker.pkg.dev/p/r/i:v5"OR"x',
      DEFAULTS,
      'invalid image reference "us-east1-docker.pkg.dev/p/r/i:v5"OR"x": "v5"OR"x" is not a valid tag (expected HOST/PATH[:TAG][@sha256:DIGEST])',
    ],
  ])('%j is a usage error', (text, defaults, message) => {
    let thrown: unknown;
    try {
      parseCommand(text, defaults);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as Error).message).toBe(message);
  });
});

describe('runCommand: pulls', () => {
  it('queues a pulls job with the defaults applied and says so privately', async () => {
    const { run, queued } = setup();
    const reply = await run(`pulls prod-1 --image ${IMAGE} --namespace web --since 6h`);
    expect(reply).toMatchObject({ visibility: 'private', outcome: 'ok', subcommand: 'pulls' });
    expect(plainText(reply.message.summary)).toBe('Reading image pulls of prod-1 over the last 6h...');
    expect(queued).toEqual([
      {
        name: 'pulls',
        payload: {
          replyTo: REPLY_TO,
          target: { project: 'acme-prod', location: 'us-east1', cluster: 'prod-1' },
          since: '6h',
          image: IMAGE,
          namespace: 'web',
        },
      },
    ]);
    // What was queued is what the worker accepts.
    expect(JOB_SCHEMAS.pulls.safeParse(queued[0]!.payload).success).toBe(true);
  });

  it('leaves image and namespace out of the payload when none was typed', async () => {
    const { run, queued } = setup();
    await run('pulls prod-1');
    expect(queued[0]!.payload).toEqual({
      replyTo: REPLY_TO,
      target: { project: 'acme-prod', location: 'us-east1', cluster: 'prod-1' },
      since: '24h',
    });
  });

  it.each([
    ['pulls', 'name the cluster'],
    ['pulls prod-1 --since 30d', '--since must be one of 1h, 6h, 24h, 7d'],
    ['pulls prod-1 --namespace kube_system', 'invalid namespace "kube_system"'],
    ['pulls prod-1 --image frontend:v5', 'invalid image reference "frontend:v5"'],
  ])('%j: a usage error naming the mistake and the usage line, nothing queued', async (text, mistake) => {
    const { run, queued } = setup();
    const reply = await run(text);
    expect(reply).toMatchObject({ visibility: 'private', outcome: 'usage_error', subcommand: 'pulls' });
    const shown = documentToText(reply.message);
    expect(shown).toContain(mistake);
    expect(shown).toContain(USAGE);
    expect(queued).toEqual([]);
  });

  it('a project outside the allow-list is refused before anything is queued', async () => {
    const { run, queued } = setup({ projects: ['acme-prod'] });
    const reply = await run('pulls prod-1 --project victim-proj');
    expect(reply.outcome).toBe('refused');
    expect(plainText(reply.message.summary)).toContain('project victim-proj is not one this bot may touch');
    expect(queued).toEqual([]);
  });

  it('help lists pulls with its usage line', async () => {
    const { run } = setup();
    expect(documentToText((await run('help')).message)).toContain(USAGE.replace('Usage: ', ''));
  });
});
