import { readFile } from 'node:fs/promises';
import { runCli } from '../../src/cli/run-cli';

/** What one in-process CLI run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with its own env (nothing from the developer's shell leaks in). */
export async function cli(args: string[], env: NodeJS.ProcessEnv = {}, stdin = ''): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    readStdin: async () => stdin,
    readFile: (p) => readFile(p, 'utf8'),
    env: { METADATA_SERVER_DETECTION: 'none', ...env },
  });
  return { code, stdout, stderr };
}

/** Path of a test fixture. */
export const fixture = (area: string, name: string) => `${__dirname}/../fixtures/${area}/${name}`;
