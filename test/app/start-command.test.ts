/**
 * The bot starts the same way everywhere it is deployed: `npm start`, the container's CMD and App
 * Engine's entrypoint run one command, with the heap settings the storm benchmark measured
 * (BENCHMARKS.md: without the cap, V8 on a large host lets the old generation grow to ~4x the live
 * heap before a full collection, past the memory target; with the cap alone, it collected it every
 * few seconds of a storm).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startCommand } from '../support/start-command';

const ROOT = path.join(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

describe('the start command', () => {
  const start = startCommand();

  it('is node with an old-generation cap and a heap growing percent, then the built entry point', () => {
    expect(start.script).toBe('dist/src/app/main.js');
    expect(start.nodeArgs).toContainEqual(expect.stringMatching(/^--max-old-space-size=\d+$/));
    expect(start.nodeArgs).toContainEqual(expect.stringMatching(/^--heap-growing-percent=\d+$/));
  });

  it('has only options this Node accepts (a V8 flag it does not know stops it before the bot runs)', () => {
    const run = spawnSync(process.execPath, [...start.nodeArgs, '-e', 'process.exit(0)'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('is the Dockerfile CMD, word for word', () => {
    const cmd = /^CMD (\[.*\])$/m.exec(read('Dockerfile'));
    expect(cmd).not.toBeNull();
    expect(JSON.parse(cmd![1]!)).toEqual(['node', ...start.nodeArgs, start.script]);
  });

  it("is App Engine's entrypoint, word for word", () => {
    const entrypoint = /^entrypoint: (.*)$/m.exec(read('app.yaml'));
    expect(entrypoint?.[1]!.trim().split(/\s+/)).toEqual(['node', ...start.nodeArgs, start.script]);
  });
});
