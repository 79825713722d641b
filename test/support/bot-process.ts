/** The bot as a real process (`node dist/src/app/main.js`, what `npm start` runs), for kill and SIGTERM tests. */
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const MAIN = path.join(__dirname, '..', '..', 'dist', 'src', 'app', 'main.js');

/** A running bot process and the JSON log lines it printed. */
export interface BotProcess {
  child: ChildProcess;
  logs: Array<Record<string, unknown>>;
  /** Resolves with the exit code (or the signal's name) once the process exited and its output ended. */
  exited: Promise<number | string>;
  /** Sends `signal` (SIGTERM unless told) and resolves with the exit, as `exited` does. */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
  /** Resolves once a log line matches. */
  waitForLog(match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
}

/**
 * Starts the built bot with exactly `env` (plus PATH) and waits for its "started" line, or for the
 * first line `readyWhen` matches (a test that signals the bot while it is still starting).
 */
export async function spawnBot(
  env: NodeJS.ProcessEnv,
  readyWhen: (line: Record<string, unknown>) => boolean = (l) => l.message === 'imagestream-bot started',
  /** Node options before the script (e.g. `--cpu-prof`, which NODE_OPTIONS refuses). */
  nodeArgs: string[] = [],
  /** The entry point: this checkout's build unless told (a benchmark compares another build). */
  main: string = MAIN,
): Promise<BotProcess> {
  const child = spawn(process.execPath, [...nodeArgs, main], {
    env: { PATH: process.env.PATH, ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  const waiters: Array<{
    match: (l: Record<string, unknown>) => boolean;
    resolve: (l: Record<string, unknown>) => void;
  }> = [];
  let buffer = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      try {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        logs.push(parsed);
        for (const w of waiters.filter((w) => w.match(parsed))) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(parsed);
        }
      } catch {
        // not a log line
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  // 'close', not 'exit': the process may have exited with lines still in the pipe, unread.
  const exited = new Promise<number | string>((resolve) =>
    child.on('close', (code, signal) => resolve(code ?? signal ?? -1)),
  );

  const waitForLog = (match: (l: Record<string, unknown>) => boolean, timeoutMs = 15_000) => {
    const found = logs.find(match);
    if (found) return Promise.resolve(found);
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching log line within ${timeoutMs} ms; stderr: ${stderr.slice(0, 500)}`)),
        timeoutMs,
      );
      waiters.push({ match, resolve: (l) => (clearTimeout(timer), resolve(l)) });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`bot exited (${code}) before the log line; stderr: ${stderr.slice(0, 500)}`));
      });
    });
  };
  try {
    await waitForLog(readyWhen);
  } catch (err) {
    // Not left running (it would outlive the test and keep Jest's process alive).
    child.kill('SIGKILL');
    await exited;
    throw err;
  }
  const stop = (signal: NodeJS.Signals = 'SIGTERM') => {
    child.kill(signal);
    return exited;
  };
  return { child, logs, exited, waitForLog, stop };
}
