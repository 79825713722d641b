/**
 * The import graph of some source files, followed through their relative imports: a test can show
 * that a part of the code reaches nothing of another (the text adapter: nothing of Slack's).
 * Reads the sources as text; type-only imports and re-exports count like any other.
 */
import fs from 'node:fs';
import path from 'node:path';

/** One import: the file that has it, what it names, and the file that is when it is relative. */
export interface ImportEdge {
  from: string;
  specifier: string;
  resolved?: string;
}

const IMPORT = /(?:\bfrom|\bimport|\brequire\()\s*\(?\s*'([^']+)'/g;

/** Every import of `entries` and of the files they reach (paths relative to `root`). */
export function reachedImports(root: string, entries: string[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const seen = new Set<string>();
  const pending = entries.map((file) => path.resolve(root, file));
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[1]!;
      const resolved = specifier.startsWith('.') ? resolveSource(path.dirname(file), specifier) : undefined;
      edges.push({
        from: path.relative(root, file),
        specifier,
        ...(resolved ? { resolved: path.relative(root, resolved) } : {}),
      });
      if (resolved) pending.push(resolved);
    }
  }
  return edges;
}

function resolveSource(dir: string, specifier: string): string | undefined {
  const base = path.resolve(dir, specifier);
  return [`${base}.ts`, path.join(base, 'index.ts'), base].find((f) => fs.existsSync(f) && fs.statSync(f).isFile());
}
