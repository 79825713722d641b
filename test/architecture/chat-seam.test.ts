/**
 * The chat seam holds: only the Slack adapter talks Slack. Outside adapters/slack nothing imports
 * `@slack/*`; the core (src/ but its composition root src/app, handlers/, jobs/) imports no adapter
 * and writes no Slack markup in its strings (mentions, broadcasts, channel links, emoji
 * shortcodes): it builds neutral documents (src/chat) that each adapter renders.
 * Likewise only the Google Chat adapter talks Google Chat: nothing else reaches googleapis' Chat
 * API, the core imports nothing of adapters/google-chat (src/app only its entry, index.ts), and
 * no adapter imports another.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { EMOJI } from '../../src/chat/rich-text';

const ROOT = path.join(__dirname, '..', '..');

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsFiles(rel));
    else if (entry.name.endsWith('.ts')) out.push(rel);
  }
  return out;
}

/** Every module a source imports, requires or re-exports. */
function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

const SLACK_MARKUP = new RegExp(`<[@!#]|:(${Object.keys(EMOJI).join('|')}):`);

/** The string and template literal texts of a source that look like Slack markup. */
function slackMarkupIn(source: string): string[] {
  const file = ts.createSourceFile('x.ts', source, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      if (SLACK_MARKUP.test(node.text)) found.push(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** A repository path with `/` whatever the platform, as import specifiers write it. */
const posix = (file: string): string => file.split(path.sep).join('/');

/**
 * Where an import of `file` lands, relative to the repository (extension and a trailing `/index`
 * dropped, so a folder and its index.ts read the same); a package name is returned as it is.
 * Resolved rather than read as text: `../../google-chat/x` from adapters/slack/y/ names no
 * `adapters/` yet lands in the Google Chat adapter.
 */
function resolveImport(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  return path.posix
    .normalize(path.posix.join(path.posix.dirname(posix(file)), specifier))
    .replace(/\/$/, '')
    .replace(/\.(ts|js)$/, '')
    .replace(/(^|\/)index$/, '');
}

/** The adapter a repository path is part of (`slack`, `google-chat`), if any. */
function adapterOf(repoPath: string): string | undefined {
  return /^adapters\/([^/]+)(\/|$)/.exec(repoPath)?.[1];
}

/** googleapis' Chat API as a module of its own, and the names the package's root gives it. */
const CHAT_API_MODULE = /^googleapis\/build\/src\/apis\/chat(\/|$)/;
const GOOGLEAPIS_ROOT = /^googleapis(\/build\/src(\/index(\.js)?)?)?$/;
const CHAT_API_NAMES = new Set(['chat', 'chat_v1']);

/**
 * How a source reaches googleapis' Chat API: its module (imported, re-exported, required),
 * `chat` / `chat_v1` taken from the googleapis root (named import, re-export, destructured
 * require, `import('googleapis').chat_v1` type), or reached through a name bound to that root or
 * to its `google` (`google.chat(...)`, `g.chat_v1.Schema`, `google['chat']`).
 */
function chatApiUses(source: string): string[] {
  const found = importsOf(source).filter((m) => CHAT_API_MODULE.test(m));
  const file = ts.createSourceFile('x.ts', source, ts.ScriptTarget.ES2022, true);
  const isRoot = (node: ts.Node | undefined): boolean =>
    node !== undefined && ts.isStringLiteral(node) && GOOGLEAPIS_ROOT.test(node.text);
  const isRequireOfRoot = (node: ts.Node | undefined): boolean =>
    node !== undefined &&
    ts.isCallExpression(node) &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === 'require' &&
    isRoot(node.arguments[0]);
  /** Local names that stand for the googleapis root or its `google`: `<name>.chat` is the Chat API. */
  const roots = new Set<string>();
  const takeNames = (elements: readonly (ts.ImportSpecifier | ts.ExportSpecifier | ts.BindingElement)[]) => {
    for (const element of elements) {
      const imported = (element.propertyName ?? element.name).getText(file);
      if (CHAT_API_NAMES.has(imported)) found.push(`${imported} from googleapis`);
      else if (imported === 'google' && ts.isIdentifier(element.name)) roots.add(element.name.text);
    }
  };
  const bindings = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && isRoot(node.moduleSpecifier)) {
      const clause = node.importClause;
      if (clause?.name) roots.add(clause.name.text);
      if (clause?.namedBindings && ts.isNamespaceImport(clause.namedBindings))
        roots.add(clause.namedBindings.name.text);
      if (clause?.namedBindings && ts.isNamedImports(clause.namedBindings)) takeNames(clause.namedBindings.elements);
    } else if (ts.isExportDeclaration(node) && isRoot(node.moduleSpecifier)) {
      if (!node.exportClause) found.push('export * from googleapis');
      else if (ts.isNamedExports(node.exportClause)) takeNames(node.exportClause.elements);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      if (isRoot(node.moduleReference.expression)) roots.add(node.name.text);
    } else if (ts.isVariableDeclaration(node) && isRequireOfRoot(node.initializer)) {
      if (ts.isIdentifier(node.name)) roots.add(node.name.text);
      else if (ts.isObjectBindingPattern(node.name)) takeNames(node.name.elements);
    } else if (ts.isImportTypeNode(node) && isRoot(node.argument.getChildAt(0))) {
      const first = node.qualifier && (ts.isIdentifier(node.qualifier) ? node.qualifier : leftmost(node.qualifier));
      if (first && CHAT_API_NAMES.has(first.text)) found.push(`import('googleapis').${first.text}`);
    }
    ts.forEachChild(node, bindings);
  };
  const isRootName = (node: ts.Node): boolean =>
    (ts.isIdentifier(node) && roots.has(node.text)) ||
    // `googleapis.google.chat`: the namespace's `google` is a root too.
    (ts.isPropertyAccessExpression(node) && node.name.text === 'google' && isRootName(node.expression));
  const uses = (node: ts.Node): void => {
    const reached =
      (ts.isPropertyAccessExpression(node) && CHAT_API_NAMES.has(node.name.text) && isRootName(node.expression)) ||
      (ts.isQualifiedName(node) && CHAT_API_NAMES.has(node.right.text) && isRootName(node.left)) ||
      (ts.isElementAccessExpression(node) &&
        ts.isStringLiteral(node.argumentExpression) &&
        CHAT_API_NAMES.has(node.argumentExpression.text) &&
        isRootName(node.expression));
    const destructured =
      ts.isVariableDeclaration(node) &&
      ts.isObjectBindingPattern(node.name) &&
      node.initializer !== undefined &&
      isRootName(node.initializer);
    if (reached) found.push(node.getText(file));
    else if (destructured) takeNames((node.name as ts.ObjectBindingPattern).elements);
    ts.forEachChild(node, uses);
  };
  bindings(file);
  uses(file);
  return found;
}

/** The first name of a qualified name (`chat_v1` of `chat_v1.Schema$Message`). */
function leftmost(name: ts.QualifiedName): ts.Identifier {
  return ts.isIdentifier(name.left) ? name.left : leftmost(name.left);
}

/**
 * The imports of `file` into the Google Chat adapter that the seam forbids: every one from the core
 * (src/ but src/app, handlers/, jobs/); from the composition root src/app, every one but its entry
 * adapters/google-chat/index.ts (the Slack rule's twin). Other files are not this rule's business.
 */
function googleChatImportsNotAllowed(file: string, source: string): string[] {
  const from = posix(file);
  const inApp = from.startsWith('src/app/');
  const inCore = !inApp && /^(src|handlers|jobs)\//.test(from);
  if (!inApp && !inCore) return [];
  return importsOf(source).filter((m) => {
    const target = resolveImport(from, m);
    return adapterOf(target) === 'google-chat' && (inCore || target !== 'adapters/google-chat');
  });
}

/** The imports of an adapter's file that land in another adapter (each talks only to the core). */
function crossAdapterImports(file: string, source: string): string[] {
  const own = adapterOf(posix(file));
  if (own === undefined) return [];
  return importsOf(source).filter((m) => {
    const other = adapterOf(resolveImport(file, m));
    return other !== undefined && other !== own;
  });
}

const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');
const PRODUCT = ['src', 'handlers', 'jobs', 'adapters', 'bench'].flatMap(tsFiles);
const CORE = [
  ...tsFiles('src').filter((f) => !f.startsWith(`src${path.sep}app${path.sep}`)),
  ...tsFiles('handlers'),
  ...tsFiles('jobs'),
];
const inSlackAdapter = (f: string): boolean =>
  f.startsWith(path.join('adapters', 'slack') + path.sep) || f.startsWith(path.join('bench', 'slack') + path.sep);
/** Where googleapis' Chat API may not appear: the product but the Google Chat adapter (tests and bench may). */
const OUTSIDE_GOOGLE_CHAT = ['src', 'handlers', 'jobs', 'adapters']
  .flatMap(tsFiles)
  .filter((f) => adapterOf(posix(f)) !== 'google-chat');

describe('the chat seam', () => {
  it('finds what it looks for (so that a clean result means something)', () => {
    expect(importsOf("import type { App } from '@slack/bolt';\nconst x = require('../adapters/slack/y');")).toEqual([
      '@slack/bolt',
      '../adapters/slack/y',
    ]);
    expect(slackMarkupIn('const a = `by <@${id}>`; const b = ":warning: x"; // <@U1> in a comment is fine')).toEqual([
      'by <@',
      ':warning: x',
    ]);
    expect(slackMarkupIn("const key = `${prefix}:alerts:`; const t = '10:30:00';")).toEqual([]);
    expect(CORE.length).toBeGreaterThan(200);
  });

  it('nothing outside the Slack adapter imports @slack/*', () => {
    const offenders = PRODUCT.filter((f) => !inSlackAdapter(f)).filter((f) =>
      importsOf(read(f)).some((m) => m.startsWith('@slack/')),
    );
    expect(offenders).toEqual([]);
  });

  it('the core imports no adapter (only the composition root, src/app, wires them)', () => {
    const offenders = CORE.filter((f) => importsOf(read(f)).some((m) => /(^|\/)adapters\//.test(m)));
    expect(offenders).toEqual([]);
  });

  it('the composition root wires an adapter through its one entry (adapters/<platform>/index.ts), never its insides', () => {
    const app = tsFiles('src').filter((f) => f.startsWith(`src${path.sep}app${path.sep}`));
    const deep = app.flatMap((f) =>
      importsOf(read(f))
        .filter((m) => /(^|\/)adapters\/[^/]+\/./.test(m))
        .map((m) => `${f}: ${m}`),
    );
    expect(deep).toEqual([]);
  });

  it('npm start never loads the playground: only playground/ and tests reach adapters/web or playground/', () => {
    const loaded = ['src', 'handlers', 'jobs', 'adapters']
      .flatMap((dir) => tsFiles(dir))
      .filter((f) => !f.startsWith(`adapters${path.sep}web${path.sep}`));
    const offenders = loaded.flatMap((f) =>
      importsOf(read(f))
        .filter((m) => /(^|\/)(adapters\/web|playground)(\/|$)/.test(m))
        .map((m) => `${f}: ${m}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the core writes no Slack markup', () => {
    const offenders = CORE.map((f) => ({ file: f, markup: slackMarkupIn(read(f)) })).filter((o) => o.markup.length > 0);
    expect(offenders).toEqual([]);
  });

  it('finds what the Google Chat rules look for (so that a clean result means something)', () => {
    expect(
      chatApiUses(
        [
          "import type { chat_v1 } from 'googleapis';",
          "import { google } from 'googleapis';",
          "const api = google.chat({ version: 'v1' });",
          "import { auth, chat as chatApi } from 'googleapis/build/src/apis/chat';",
          "export * from 'googleapis/build/src/apis/chat/v1';",
          "import * as g from 'googleapis';",
          'let m: g.chat_v1.Schema$Message;',
          'const c = g.google.chat;',
          "const { chat } = require('googleapis');",
          "const gapis = require('googleapis');",
          "const c2 = gapis.google['chat'];",
          "type T = import('googleapis').chat_v1.Schema$Card;",
          "export { chat_v1 as ChatV1 } from 'googleapis';",
        ].join('\n'),
      ),
    ).toEqual([
      'googleapis/build/src/apis/chat',
      'googleapis/build/src/apis/chat/v1',
      'chat_v1 from googleapis',
      'chat from googleapis',
      "import('googleapis').chat_v1",
      'chat_v1 from googleapis',
      'google.chat',
      'g.chat_v1',
      'g.google.chat',
      "gapis.google['chat']",
    ]);
    expect(
      chatApiUses(
        [
          "import { google } from 'googleapis';",
          "const gke = google.container({ version: 'v1' });",
          "import type { container_v1 } from 'googleapis/build/src/apis/container';",
          "import { chat } from './chat';",
          'chat.spaces.get();',
          "const text = 'google.chat';",
        ].join('\n'),
      ),
    ).toEqual([]);

    const entry = "import { googleChatRoutes } from '../../adapters/google-chat';";
    expect(googleChatImportsNotAllowed('src/app/start-web.ts', entry)).toEqual([]);
    expect(
      googleChatImportsNotAllowed('src/app/start-web.ts', "import { x } from '../../adapters/google-chat/index';"),
    ).toEqual([]);
    const deep = "import { ChatEventSubscriber } from '../../adapters/google-chat/pubsub/chat-event-subscriber';";
    expect(googleChatImportsNotAllowed('src/app/start-web.ts', deep)).toEqual([
      '../../adapters/google-chat/pubsub/chat-event-subscriber',
    ]);
    expect(googleChatImportsNotAllowed('src/alerts/x.ts', entry)).toEqual(['../../adapters/google-chat']);
    expect(
      googleChatImportsNotAllowed(
        'handlers/x.ts',
        "export type { ChatMessageBody } from '../adapters/google-chat/cards/b';",
      ),
    ).toEqual(['../adapters/google-chat/cards/b']);
    expect(googleChatImportsNotAllowed('jobs/x.ts', "const a = require('../adapters/google-chat/chat-ids');")).toEqual([
      '../adapters/google-chat/chat-ids',
    ]);
    expect(googleChatImportsNotAllowed('src/alerts/x.ts', "import { a } from '../../adapters/slack';")).toEqual([]);

    expect(
      crossAdapterImports('adapters/slack/outbox/x.ts', "import { GCHAT } from '../../google-chat/chat-ids';"),
    ).toEqual(['../../google-chat/chat-ids']);
    expect(crossAdapterImports('adapters/google-chat/x.ts', "import { a } from '../slack';")).toEqual(['../slack']);
    expect(
      crossAdapterImports(
        'adapters/google-chat/pubsub/x.ts',
        "import { a } from './y';\nimport { b } from '../../../src/pubsub/streaming-pull';\nimport { c } from '../chat-ids';",
      ),
    ).toEqual([]);
    expect(OUTSIDE_GOOGLE_CHAT.length).toBeGreaterThan(300);
    expect(OUTSIDE_GOOGLE_CHAT.some((f) => posix(f).startsWith('adapters/slack/'))).toBe(true);
  });

  it("nothing outside the Google Chat adapter uses googleapis' Chat API", () => {
    const offenders = OUTSIDE_GOOGLE_CHAT.map((f) => ({ file: f, uses: chatApiUses(read(f)) })).filter(
      (o) => o.uses.length > 0,
    );
    expect(offenders).toEqual([]);
  });

  it('the core imports nothing of the Google Chat adapter; src/app only its entry, adapters/google-chat/index.ts', () => {
    const offenders = [...tsFiles('src'), ...tsFiles('handlers'), ...tsFiles('jobs')].flatMap((f) =>
      googleChatImportsNotAllowed(f, read(f)).map((m) => `${f}: ${m}`),
    );
    expect(offenders).toEqual([]);
  });

  it('no adapter imports another (Slack and Google Chat meet only in the core)', () => {
    const offenders = tsFiles('adapters').flatMap((f) => crossAdapterImports(f, read(f)).map((m) => `${f}: ${m}`));
    expect(offenders).toEqual([]);
  });
});
