/**
 * `.ci/redis`, the step of `.ci/run` that gives the suite its Redis: it must end up persisted as
 * production runs it (AOF, fsync per write, noeviction) whether it starts one or finds one running
 * with other settings. Run against private redis-servers on free ports, never the shared 6379.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort } from '../support/free-port';
import { startAofRedis } from '../support/redis-aof';

const run = promisify(execFile);
const SCRIPT = path.join(__dirname, '..', '..', '.ci', 'redis');

async function settings(port: number): Promise<Record<string, string>> {
  const redis = new Redis(port, '127.0.0.1');
  try {
    const out: Record<string, string> = {};
    for (const name of ['appendonly', 'appendfsync', 'maxmemory-policy'])
      out[name] = ((await redis.config('GET', name)) as string[])[1] ?? '';
    return out;
  } finally {
    redis.disconnect();
  }
}

const PRODUCTION = { appendonly: 'yes', appendfsync: 'always', 'maxmemory-policy': 'noeviction' };

it('reconfigures a Redis already running without persistence and with an evicting policy', async () => {
  const server = await startAofRedis([
    '--appendonly',
    'no',
    '--appendfsync',
    'everysec',
    '--maxmemory-policy',
    'allkeys-lru',
  ]);
  try {
    await run('bash', [SCRIPT, String(server.port)]);
    expect(await settings(server.port)).toEqual(PRODUCTION);
  } finally {
    await server.close();
  }
}, 30_000);

it('starts one with those settings, in a directory of its own, when none answers', async () => {
  const port = await freePort();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imagestream-ci-redis-test-'));
  try {
    await run('bash', [SCRIPT, String(port)], { env: { ...process.env, TMPDIR: tmp } });
    expect(await settings(port)).toEqual(PRODUCTION);
    expect(fs.readdirSync(path.join(tmp, `imagestream-ci-redis-${port}`)).length).toBeGreaterThan(0);
  } finally {
    // The server this test started (daemonized by the script), on its own port.
    await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'shutdown', 'nosave']).catch(() => undefined);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}, 30_000);
