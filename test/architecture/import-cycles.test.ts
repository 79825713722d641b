/**
 * No import cycle in the bot's code (src, handlers, jobs, adapters), type-only imports included.
 * A type-only cycle costs nothing at run time, but it is the first step to a real one (a value
 * import added later along the same path), and it ties modules that should stand apart: the
 * outbox and its worker, startBot and the roles it starts, each needed the other's types.
 * When this fails, move the shared types into a small module of their own (as
 * src/app/bot-options.ts and src/alerts/outbox-options.ts do).
 */
import path from 'node:path';

/** What madge (which ships no types) answers, as far as this test reads it. */
interface MadgeResult {
  obj(): Record<string, string[]>;
  circular(): string[][];
  warnings(): { skipped: string[] };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const madge = require('madge') as (paths: string[], config: Record<string, unknown>) => Promise<MadgeResult>;

const ROOT = path.join(__dirname, '..', '..');

/** The import graph of `dirs` (relative to the repository), type-only imports counted. */
function importGraph(dirs: string[]): Promise<MadgeResult> {
  return madge(
    dirs.map((dir) => path.join(ROOT, dir)),
    {
      baseDir: ROOT,
      fileExtensions: ['ts'],
      tsConfig: path.join(ROOT, 'tsconfig.json'),
      // madge's TypeScript detective leaves `import type` and `export type … from` out unless told.
      detectiveOptions: { ts: { skipTypeImports: false, skipAsyncImports: false } },
    },
  );
}

it('finds no import cycle in src, handlers, jobs and adapters', async () => {
  const graph = await importGraph(['src', 'handlers', 'jobs', 'adapters']);

  // The graph is the whole code, type-only edges included: else an empty answer would prove nothing.
  expect(Object.keys(graph.obj()).length).toBeGreaterThan(200);
  expect(graph.obj()['src/alerts/outbox-worker.ts']).toContain('src/alerts/outbox-options.ts');
  expect(graph.warnings().skipped).toEqual([]);
  expect(graph.circular()).toEqual([]);
}, 60_000);

it('counts a cycle made of type-only imports', async () => {
  const graph = await importGraph(['test/architecture/fixtures/type-only-cycle']);

  expect(graph.circular()).toEqual([
    ['test/architecture/fixtures/type-only-cycle/customer.ts', 'test/architecture/fixtures/type-only-cycle/order.ts'],
  ]);
});
