/**
 * A Redis server of a test's own, persisted as production runs it (AOF, fsync on every write), that
 * the test can kill and start again on the same port and data directory. Never the shared Redis on
 * 6379: killing that one would break every other suite.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';

/** A running (or stopped) private Redis. */
export interface AofRedis {
  /** `redis://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** Where the AOF lives. */
  dir: string;
  /** Stops it: `kill` is SIGKILL (no shutdown save: only what was fsynced survives), `shutdown` is SIGTERM. */
  stop(how: 'kill' | 'shutdown'): Promise<void>;
  /** Starts it again on the same port and directory; resolves once it has loaded the AOF and accepts connections. */
  start(): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open and commands get no answer, as from a hung server. */
  pause(): void;
  /** Thaws a paused server (SIGCONT). */
  resume(): void;
  /** Stops it and removes its directory. */
  close(): Promise<void>;
}

/**
 * Starts redis-server with AOF (appendfsync always, no RDB snapshots) in a fresh temp directory on a
 * free loopback port. `settings` come after those (later ones win): a test's own Redis settings.
 */
export async function startAofRedis(settings: string[] = []): Promise<AofRedis> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imagestream-redis-aof-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const start = async (): Promise<void> => {
    const proc = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--save',
        '',
        '--daemonize',
        'no',
        '--logfile',
        '',
        ...settings,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = proc;
    exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output.slice(-500)}`)), 15_000);
      proc.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        // Printed once the AOF is loaded: from then on, every acknowledged write is back.
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (${code}) at start: ${output.slice(-500)}`));
      });
    });
  };

  const stop = async (how: 'kill' | 'shutdown'): Promise<void> => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(how === 'kill' ? 'SIGKILL' : 'SIGTERM');
    await exited;
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    stop,
    start,
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    close: async () => {
      child?.kill('SIGCONT');
      await stop('kill');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
