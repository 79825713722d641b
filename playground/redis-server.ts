/**
 * A throw-away `redis-server` for the playground: loopback only, a free port, nothing written to
 * disk (`--save "" --appendonly no`), stopped with the playground.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from '../test/support/free-port';

/** A started redis-server. */
export interface LocalRedis {
  url: string;
  stop(): Promise<void>;
}

/** PING `url` once (a few seconds at most); rejects with why not. */
export async function pingRedis(url: string, timeoutMs = 3000): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } finally {
    redis.disconnect();
  }
}

/** Starts `binary` on a free loopback port and waits until it answers PING. */
export async function startRedisServer(binary: string): Promise<LocalRedis> {
  const port = await freePort();
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const url = `redis://127.0.0.1:${port}`;
  const stop = () => stopChild(child);
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}): ${stderr.trim()}`);
    try {
      await pingRedis(url, 500);
      return { url, stop };
    } catch (err) {
      if (attempt >= 100) {
        await stop();
        throw new Error(`redis-server did not answer on ${url}: ${String(err)} ${stderr.trim()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
