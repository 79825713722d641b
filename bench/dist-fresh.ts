/** The ack bench and the storm run the built bot (dist/), so `npm run bench` rebuilds it when a source is newer. */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..');
const MAIN = path.join(ROOT, 'dist', 'src', 'app', 'main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** Runs `npm run build` unless dist/src/app/main.js is newer than every .ts in src/, handlers/, jobs/, adapters/. */
export function ensureFreshBuild(): void {
  let built = 0;
  try {
    built = statSync(MAIN).mtimeMs;
  } catch {
    // never built
  }
  const newest = Math.max(...['src', 'handlers', 'jobs', 'adapters'].map((d) => newestSource(path.join(ROOT, d))));
  if (built > newest) return;
  process.stderr.write('bench: dist/ is older than the sources, running npm run build\n');
  try {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  } catch {
    // tsc still emits on type errors (no noEmitOnError): the benches run what was emitted, and say so.
    statSync(MAIN);
    process.stderr.write('bench: npm run build reported type errors; the benches run the JavaScript tsc emitted\n');
  }
}
