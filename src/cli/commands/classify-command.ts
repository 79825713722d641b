import { Command } from 'commander';
import { StreamResult, classifyText } from '../../classifier/classify-stream';
import { UsageError, errorMessage } from '../../errors';
import { CliIo, EXIT } from '../cli-io';
import { renderClassifiedText } from '../render/classify-text';
import { helpExamples } from '../help-examples';

/** Shown under `imagestream classify --help`; test/help-examples.test.ts parses each one. */
const CLASSIFY_EXAMPLES = ['imagestream classify entries.json', 'imagestream classify --json -'];

/** `imagestream classify [FILE|-]`: what each gcfsd log entry means and what to do about it. */
export function classifyCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('classify')
    .description('Classify Cloud Logging entries (gcfsd and application logs): class, where, meaning and fix')
    .argument('[file]', 'JSON lines or a JSON array of LogEntries; "-" or nothing reads standard input')
    .option(
      '--json',
      'print one JSON object per entry, in order: {class, project, cluster, location, node, insertId, fix, ...}',
    )
    .addHelpText('after', helpExamples(CLASSIFY_EXAMPLES))
    .action(async (file: string | undefined, opts: { json?: boolean }) => {
      const text = await readSource(io, file);
      const results = classifyText(text);
      io.stdout(opts.json ? results.map((r) => JSON.stringify(r) + '\n').join('') : renderClassifiedText(results));
      setExit(results.some(isError) ? EXIT.failed : EXIT.ok);
    });
}

function isError(r: StreamResult): r is { line: number; error: string } {
  return 'error' in r;
}

async function readSource(io: CliIo, file: string | undefined): Promise<string> {
  if (file === undefined || file === '-') return io.readStdin();
  try {
    return await io.readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: ${code === 'ENOENT' ? 'no such file' : errorMessage(err)}`);
  }
}
