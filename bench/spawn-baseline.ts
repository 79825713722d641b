/** A baseline server of the ack benches in its own process, like the bot: it prints `port N` and exits when its stdin closes. */
import { spawn } from 'node:child_process';

export interface BaselineProcess {
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/** Runs the TypeScript file `file` with `args` (tsx's CommonJS hook); resolves once it printed its port. */
export async function spawnBaseline(file: string, args: string[]): Promise<BaselineProcess> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', file, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /port (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`${file} exited ${code}`)));
  });
  return {
    port,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin!.end();
      }),
  };
}
