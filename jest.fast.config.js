/**
 * `npm run test:fast`, the inner loop: every test that runs inside Jest's own process (Redis and the
 * HTTP fakes included), none that spawns a process or drives the whole bot end to end. Left out:
 * test/e2e/ and test/faults/, and any test file importing a process-spawning helper (pstest, the
 * docker-registry and skopeo helpers, spawned bots, private Redis servers) or child_process itself,
 * so a new test of either kind is sorted by what it imports. `npm test` runs everything.
 */
const fs = require('node:fs');
const path = require('node:path');
const base = require('./jest.config');

const SPAWNS =
  /from '(?:node:child_process|[./]*(?:\.\.\/)*support\/(?:pstest|registry-server|registry-skopeo|bot-process|redis-aof))'/;

function testFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return testFiles(p);
    return e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const spawning = testFiles(path.join(__dirname, 'test'))
  .filter((file) => SPAWNS.test(fs.readFileSync(file, 'utf8')))
  .map((file) => `${escape(path.relative(__dirname, file))}$`);

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/', '<rootDir>/test/faults/', ...spawning],
};
