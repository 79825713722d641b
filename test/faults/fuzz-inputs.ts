/**
 * What the fuzz test throws at the bot: slash-command texts (random Unicode, quotes, newlines,
 * 10 KB strings, flag injection, every subcommand, known-good commands mutated) and block_actions
 * payloads (known and unknown action ids, hostile values and users, broken shapes).
 */
import fc from 'fast-check';
import { APPROVE_ACTION_ID, DENY_ACTION_ID } from '../../adapters/slack/render/render-approval';
import { ALERT_ACTION_IDS } from '../../adapters/slack/render/render-alert';
import { SUBCOMMANDS } from '../../adapters/slack/commands/slash-command';

// Every real subcommand, and `home` (not one: it must be refused like any unknown word).
const SUBCOMMAND_NAMES = [...SUBCOMMANDS, 'home'] as const;

/** Commands that work as typed; the fuzz mutates them. */
const GOOD_COMMANDS = [
  'help',
  'status shop',
  'status shop --location europe-west1 --project acme-prod',
  'check us-docker.pkg.dev/acme-prod/web/app:1.0',
  'check nginx:1.25 --cluster shop --pool gpu-pool',
  'memory e2-standard-4',
  'memory 16',
  'enable shop --pool default-pool',
  'disable shop',
  'verify shop --pool gpu-pool',
  'errors shop --since 1h',
  'pulls shop --namespace web --since 6h',
  'pulls shop --image europe-west1-docker.pkg.dev/acme-prod/web/app:1.0',
  'setup-alerts --print',
  'setup-alerts --project acme-prod',
  'audit 5',
];

/** Flag injection: path traversal, shell syntax, globs, repeated and bare flags. */
const HOSTILE_FLAGS = [
  '--project=../',
  '--project=a;b',
  '--location=*',
  '--cluster=$(id)',
  '--pool=x --pool=y',
  '--',
  '-p',
  '--project',
  '--project=../../etc/passwd',
  '--project=acme-prod/../other',
  '--location=europe-west1/../..',
  '--location=-',
  '--pool=%2e%2e%2f',
  '--pool=',
  '--cluster=`id`',
  "--project='acme-prod'",
  '--project="acme-prod"',
  '--location=us-east1 --location=europe-west1',
  '--no-project',
  '--project=ACME-PROD',
  '--since=1h;rm',
  '--since=-1h',
  '--print=false',
  '--json',
  '--help',
  '--service-account=a@b.iam.gserviceaccount.com/../x',
  '--gke-version=1.30.1-gke.1000;id',
  '--platform=linux/../amd64',
  '--image-type=COS_CONTAINERD"',
  '--autopilot=yes',
  '--node-location=us-east1-b?x=1',
  '--project=projects/acme-prod',
  '--cluster=shop/nodePools/x',
  '--pool=default-pool/../../../clusters/other',
  '--namespace=web" OR "x',
  '--namespace=kube_system',
  '--image=europe-west1-docker.pkg.dev/p/r/i:1" OR log_id("gcfsd")',
  '--image=europe-west1-docker.pkg.dev/p/r/i\\',
];

/** Characters that break naive parsers or confuse readers. */
const WEIRD = [
  '\u200f', // RTL mark
  '\u200e', // LTR mark
  '\u202e', // RTL override
  '\u200b', // zero-width space
  '\ufeff', // BOM
  '\u00a0', // non-breaking space, which Slack sends
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\r',
  '\n',
  '\t',
  '\u2028',
  '😀',
  '👩‍👩‍👧',
  'é',
  'ﬁ',
  '＄',
  '"',
  "'",
  '`',
  '“',
  '”',
  '&amp;',
  '&lt;',
  '&gt;',
  '<@U0123ABC>',
  '<#C0123ABC|general>',
  '<!channel>',
  '*',
  '?',
  '\\',
  '/',
  '..',
  ';',
  '|',
  '&',
  '$(id)',
  '${IFS}',
  '%00',
  '%2F',
  '\ud800', // a lone surrogate
];

const SEPARATORS = [' ', ' ', ' ', '  ', '\n', '\t', '\r\n', '\u00a0', '\u3000'];

const word = fc.constantFrom(
  ...SUBCOMMAND_NAMES,
  'shop',
  'jobs',
  'default-pool',
  'gpu-pool',
  'acme-prod',
  'europe-west1',
  'us-east1-b',
  'e2-standard-4',
  'nginx',
  '--pool',
  '--location',
  '--project',
  '--cluster',
  '--since',
  '1h',
  '7d',
);
const unicode = fc.string({ unit: 'binary', maxLength: 40 });
const printable = fc.string({ unit: 'grapheme', maxLength: 40 });
const quoted = fc
  .tuple(fc.constantFrom('"', "'", '`', '“'), printable, fc.boolean())
  .map(([q, s, closed]) => `${q}${s}${closed ? q : ''}`);
const withWeird = fc
  .tuple(fc.oneof(word, printable), fc.constantFrom(...WEIRD), fc.boolean())
  .map(([w, c, before]) => (before ? c + w : w + c));

/** One token of a command. */
const token = fc.oneof(
  { weight: 4, arbitrary: word },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_FLAGS) },
  { weight: 2, arbitrary: fc.constantFrom(...WEIRD) },
  { weight: 2, arbitrary: withWeird },
  { weight: 2, arbitrary: unicode },
  { weight: 1, arbitrary: quoted },
);

const joined = (parts: string[], seps: string[]) =>
  parts.map((p, i) => (i === 0 ? p : `${seps[i % seps.length]}${p}`)).join('');

const separators = fc.array(fc.constantFrom(...SEPARATORS), { minLength: 1, maxLength: 4 });

/** A subcommand name with random and hostile arguments. */
const subcommandWithArgs = fc
  .tuple(fc.constantFrom(...SUBCOMMAND_NAMES), fc.array(token, { maxLength: 8 }), separators)
  .map(([sub, args, seps]) => joined([sub, ...args], seps));

/** A command that works, changed a little: a token inserted, replaced, dropped, doubled or retyped. */
const mutatedGood = fc
  .tuple(
    fc.constantFrom(...GOOD_COMMANDS),
    fc.constantFrom('insert', 'replace', 'drop', 'double', 'upper', 'glue'),
    fc.nat(),
    token,
  )
  .map(([command, how, at, extra]) => {
    const parts = command.split(' ');
    const i = at % parts.length;
    if (how === 'insert') parts.splice(i, 0, extra);
    if (how === 'replace') parts[i] = extra;
    if (how === 'drop') parts.splice(i, 1);
    if (how === 'double') parts.splice(i, 0, parts[i]!);
    if (how === 'upper') parts[i] = parts[i]!.toUpperCase();
    if (how === 'glue') return parts.join(extra);
    return parts.join(' ');
  });

/** Past the bot's limit of 1,000 characters; Slack itself allows more. */
const huge = fc
  .tuple(
    fc.constantFrom('', 'status ', 'check ', 'enable shop --pool ', 'memory '),
    fc.oneof(fc.constantFrom('a', 'é', '😀', '\u200b', '-', ' '), fc.string({ minLength: 1, maxLength: 3 })),
    fc.integer({ min: 1_001, max: 10_240 }),
  )
  .map(([prefix, unit, length]) => prefix + unit.repeat(Math.ceil(length / Math.max(1, unit.length))));

/** The slash-command texts. */
export const commandText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: subcommandWithArgs },
  { weight: 4, arbitrary: mutatedGood },
  { weight: 1, arbitrary: fc.constantFrom(...GOOD_COMMANDS) },
  { weight: 1, arbitrary: huge },
  { weight: 1, arbitrary: fc.array(token, { maxLength: 6 }).map((t) => t.join(' ')) },
  { weight: 1, arbitrary: unicode },
);

const KNOWN_ACTION_IDS = [APPROVE_ACTION_ID, DENY_ACTION_ID, ...Object.values(ALERT_ACTION_IDS)];

/** What a button click carries, before it is turned into a payload. */
export interface ClickCase {
  actionId: string;
  /** Any JSON value: a real client sends a string, a forged one anything. */
  value: unknown;
  userId: unknown;
  /** Top-level payload keys to delete, to break the shape. */
  drop: string[];
  type: string;
}

/** Button clicks: `ids` are real request ids (approval requests made by others) the values may name. */
export function clickCase(ids: string[], users: string[]): fc.Arbitrary<ClickCase> {
  const value = fc.oneof(
    { weight: 3, arbitrary: ids.length > 0 ? fc.constantFrom(...ids) : fc.constant('abcdefgh12') },
    { weight: 2, arbitrary: unicode },
    { weight: 1, arbitrary: fc.constantFrom(...WEIRD) },
    { weight: 1, arbitrary: fc.integer({ min: 5_000, max: 40_000 }).map((n) => 'A'.repeat(n)) },
    { weight: 1, arbitrary: ids.length > 0 ? fc.constantFrom(...ids).map((id) => `${id}/../x`) : fc.constant('') },
    { weight: 1, arbitrary: fc.jsonValue() },
    { weight: 1, arbitrary: fc.constantFrom('{"requestId":"x"}', 'null', '[]', '../../approval:x', '*') },
  );
  return fc.record({
    actionId: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...KNOWN_ACTION_IDS) },
      { weight: 1, arbitrary: unicode },
    ),
    value,
    userId: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...users) }, { weight: 1, arbitrary: fc.jsonValue() }),
    drop: fc.subarray(['channel', 'container', 'message', 'response_url', 'team', 'user', 'actions']),
    type: fc.oneof({ weight: 6, arbitrary: fc.constant('block_actions') }, { weight: 1, arbitrary: unicode }),
  });
}
