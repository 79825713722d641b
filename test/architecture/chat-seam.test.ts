/**
 * The chat seam holds: only the Slack adapter talks Slack. Outside adapters/slack nothing imports
 * `@slack/*`; the core (src/ but its composition root src/app, handlers/, jobs/) imports no adapter
 * and writes no Slack markup in its strings (mentions, broadcasts, channel links, emoji
 * shortcodes): it builds neutral documents (src/chat) that each adapter renders.
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

const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');
const PRODUCT = ['src', 'handlers', 'jobs', 'adapters', 'bench'].flatMap(tsFiles);
const CORE = [
  ...tsFiles('src').filter((f) => !f.startsWith(`src${path.sep}app${path.sep}`)),
  ...tsFiles('handlers'),
  ...tsFiles('jobs'),
];
const inSlackAdapter = (f: string): boolean =>
  f.startsWith(path.join('adapters', 'slack') + path.sep) || f.startsWith(path.join('bench', 'slack') + path.sep);

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

  it('the core writes no Slack markup', () => {
    const offenders = CORE.map((f) => ({ file: f, markup: slackMarkupIn(read(f)) })).filter((o) => o.markup.length > 0);
    expect(offenders).toEqual([]);
  });
});
