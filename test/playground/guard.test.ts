/** The playground refuses production: the guard, and the entry point as `npm run playground` runs it. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { productionRefusal, REFUSED_EXIT_CODE } from '../../playground/guard';

const ROOT = path.join(__dirname, '..', '..');

describe('the playground under NODE_ENV=production', () => {
  it('is refused by the guard, whatever the casing; other environments pass', () => {
    expect(productionRefusal({ NODE_ENV: 'production' })).toMatch(/refusing to run with NODE_ENV=production/);
    expect(productionRefusal({ NODE_ENV: ' Production ' })).toBeDefined();
    expect(productionRefusal({ NODE_ENV: 'development' })).toBeUndefined();
    expect(productionRefusal({})).toBeUndefined();
  });

  it('refuses NODE_ENV=production: the entry exits 2 with one line, starting nothing', () => {
    const run = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['playground/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, NODE_ENV: 'production', PORT: '0' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(REFUSED_EXIT_CODE);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^imagestream playground: refusing/)]);
  });
});
