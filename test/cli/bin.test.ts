import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');
const bin = path.join(root, 'bin', 'imagestream.js');

/** The installed executable, as a terminal or CI pipeline runs it (needs `npm run build`, which `npm test` does). */
function run(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, METADATA_SERVER_DETECTION: 'none' },
    timeout: 20_000,
  });
}

describe('bin/imagestream.js', () => {
  it('is built', () => {
    expect(existsSync(path.join(root, 'dist', 'src', 'cli', 'main.js'))).toBe(true);
  });

  it('runs a subcommand and exits 0', () => {
    const r = run(['memory', '16', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ memoryGiB: 16, reservedMiB: 106.5 });
  });

  it('exits 2 with one line and no stack trace on bad input', () => {
    const r = run(['check', 'nginx']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('invalid image reference');
  });

  it('prints its version', () => {
    const r = run(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
