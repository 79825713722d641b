/**
 * Which Redis the playground uses: REDIS_URL when set, else a `redis-server` it starts itself when
 * one is installed, else none, with how to install one. Never a fake Redis: the playground runs the
 * bot's real queue, approvals and alert scripts.
 */
import fs from 'node:fs';
import path from 'node:path';

export type RedisPlan =
  { kind: 'url'; url: string } | { kind: 'start'; binary: string } | { kind: 'missing'; message: string };

/** What to print when no Redis can be had. */
export const INSTALL_REDIS_MESSAGE = [
  'imagestream playground: no Redis. Set REDIS_URL to a running one, or install redis-server and run again:',
  '  Debian/Ubuntu: sudo apt-get install redis-server',
  '  macOS:         brew install redis',
].join('\n');

/** The decision, from the environment and where (if anywhere) `redis-server` is installed. */
export function redisPlan(env: NodeJS.ProcessEnv, redisServerPath: string | undefined): RedisPlan {
  const url = env.REDIS_URL?.trim();
  if (url) return { kind: 'url', url };
  if (redisServerPath) return { kind: 'start', binary: redisServerPath };
  return { kind: 'missing', message: INSTALL_REDIS_MESSAGE };
}

/** The first executable `name` on PATH, or undefined. */
export function findOnPath(name: string, pathVariable: string | undefined = process.env.PATH): string | undefined {
  for (const dir of (pathVariable ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
