/**
 * The core command runner without any chat platform: a command input in, a neutral reply out
 * (document, visibility, outcome), with the queue, the audit log and the allow-list as fakes.
 */
import { AccessScope } from '../../src/access/access-scope';
import { documentToText } from '../../src/chat/document-to-text';
import { principalId } from '../../src/chat/principal-id';
import { plainText } from '../../src/chat/rich-text';
import { runCommand, CommandInput } from '../../handlers/commands/run-command';
import type { WebDeps } from '../../handlers/web-deps';
import { createLogger } from '../../src/logging/logger';

const REPLY_TO = { responseUrl: 'https://chat.example/reply/1', userId: 'U0REQUEST1', channelId: 'C0OPS' };

function setup(options: { channels?: string[]; projects?: string[]; queueDown?: boolean } = {}) {
  const queued: Array<{ name: string; payload: unknown }> = [];
  const audited: unknown[] = [];
  const deps = {
    config: {
      GOOGLE_CLOUD_PROJECT: 'acme-prod',
      IMAGESTREAM_DEFAULT_LOCATION: 'us-east1',
      IMAGESTREAM_MUTATION_CHANNELS: options.channels ?? [],
      IMAGESTREAM_ACK_REDIS_TIMEOUT_MS: 500,
    },
    logger: createLogger({ level: 'silent' }),
    queue: {
      enqueue: async (name: string, payload: unknown) => {
        if (options.queueDown) throw new Error('ECONNREFUSED');
        queued.push({ name, payload });
        return 'job-1';
      },
    },
    audit: { recent: async () => [], record: async (event: unknown) => void audited.push(event) },
    scope: new AccessScope(options.projects ?? []),
  } as unknown as WebDeps;
  const run = (text: string, space = 'C0OPS') => {
    const input: CommandInput = {
      text,
      requester: principalId('test', 'alice'),
      conversation: { platform: 'test', space },
      replyTo: REPLY_TO,
    };
    return runCommand(input, deps);
  };
  return { run, queued, audited };
}

it('queues a parsed command with its defaults, passes the reply target through, and says so privately', async () => {
  const { run, queued } = setup();
  const reply = await run('enable prod-1 --pool web');
  expect(reply).toMatchObject({ visibility: 'private', outcome: 'ok', subcommand: 'enable' });
  expect(plainText(reply.message.summary)).toBe(
    'Working out what enable would change on pool web of prod-1; an approval request follows in this channel.',
  );
  expect(queued).toEqual([
    {
      name: 'enable',
      payload: {
        replyTo: REPLY_TO,
        target: { project: 'acme-prod', location: 'us-east1', cluster: 'prod-1', pool: 'web' },
      },
    },
  ]);
});

it('answers help and memory at once, as documents', async () => {
  const { run, queued } = setup();
  const help = await run('');
  expect(help).toMatchObject({ visibility: 'private', outcome: 'ok', subcommand: 'help' });
  expect(documentToText(help.message)).toContain(
    '/imagestream enable CLUSTER [--pool NP] [--location L] [--project P]',
  );
  const memory = await run('memory 16');
  expect(documentToText(memory.message)).toContain('16 GiB: image streaming reserves');
  expect(queued).toEqual([]);
});

it('a usage error is a document naming the mistake and the usage line, counted as usage_error', async () => {
  const { run, queued } = setup();
  const reply = await run('status');
  expect(reply).toMatchObject({ visibility: 'private', outcome: 'usage_error', subcommand: 'status' });
  const text = documentToText(reply.message);
  expect(text).toContain('name the cluster');
  expect(text).toContain('Usage: /imagestream status CLUSTER [--location L] [--project P]');
  expect(queued).toEqual([]);
});

it('an unknown subcommand lists the subcommands and shows no usage line', async () => {
  const { run } = setup();
  const reply = await run('home');
  expect(reply).toMatchObject({ outcome: 'usage_error', subcommand: 'home' });
  expect(documentToText(reply.message)).toContain('unknown subcommand "home"; try one of: help, status');
  expect(documentToText(reply.message)).not.toContain('Usage:');
});

it('a mutating subcommand outside the mutation channels is refused with links to them, and audited', async () => {
  const { run, queued, audited } = setup({ channels: ['C0OPS', 'C0OTHER'] });
  const reply = await run('disable prod-1', 'C0ELSE');
  expect(reply).toMatchObject({ visibility: 'private', outcome: 'refused', subcommand: 'disable' });
  expect(reply.message.summary).toEqual([
    { kind: 'emoji', name: 'no_entry' },
    { kind: 'text', text: ' ' },
    { kind: 'code', text: 'disable' },
    { kind: 'text', text: ' is allowed only in ' },
    { kind: 'space', platform: 'test', space: 'C0OPS' },
    { kind: 'text', text: ', ' },
    { kind: 'space', platform: 'test', space: 'C0OTHER' },
    { kind: 'text', text: '.' },
  ]);
  expect(audited).toEqual([
    { kind: 'refused', user: 'test:alice', action: 'disable', detail: 'channel C0ELSE not allowed' },
  ]);
  expect(queued).toEqual([]);
  expect((await run('status prod-1', 'C0ELSE')).outcome).toBe('ok');
});

it('a project outside the allow-list is refused before anything is queued', async () => {
  const { run, queued, audited } = setup({ projects: ['acme-prod'] });
  const reply = await run('status prod-1 --project victim-proj');
  expect(reply.outcome).toBe('refused');
  expect(plainText(reply.message.summary)).toContain('project victim-proj is not one this bot may touch');
  expect(audited).toHaveLength(1);
  expect(queued).toEqual([]);
});

it('a queue that does not answer is said, and counted as an error', async () => {
  const { run } = setup({ queueDown: true });
  const reply = await run('verify prod-1');
  expect(reply.outcome).toBe('error');
  expect(plainText(reply.message.summary)).toContain(
    "The bot's queue is not answering (Redis), so nothing was queued.",
  );
});
