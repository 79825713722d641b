import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors';
import { CliIo } from './cli-io';
import { muteMetadataLookupWarning } from './mute-metadata-warning';
import { runCli } from './run-cli';

/** The `imagestream` executable: the real process wired into runCli. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  // Errors are one line: Google auth's metadata probe must not add its own warning to stderr.
  muteMetadataLookupWarning();
  const io: CliIo = {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readStdin,
    readFile: (path) => readFile(path, 'utf8'),
    env: process.env,
  };
  process.exitCode = await runCli(argv, io);
}

async function readStdin(): Promise<string> {
  // A terminal would wait forever for entries nobody types: say what to do instead.
  if (process.stdin.isTTY) throw new UsageError('no input: give a FILE, or pipe LogEntries into standard input');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
