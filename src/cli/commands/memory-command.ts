import { Command } from 'commander';
import { parseMemoryTarget } from '../../memory/parse-memory-target';
import { reservedMemoryMiB } from '../../memory/reserved-memory';
import { CliIo } from '../cli-io';
import { helpExamples } from '../help-examples';

/** Shown under `imagestream memory --help`; test/help-examples.test.ts parses each one. */
const MEMORY_EXAMPLES = [
  'imagestream memory n2-standard-8',
  'imagestream memory 16 --json',
  'imagestream memory custom-4-16384',
];

/** `imagestream memory <GiB|machine-type>`: memory GKE reserves for image streaming on such a node. */
export function memoryCommand(io: CliIo): Command {
  return new Command('memory')
    .description('Show the memory GKE reserves on a node for image streaming')
    .argument('<size>', 'node memory in GiB (16, 0.5, 16GiB) or a machine type (n2-standard-8, custom-4-16384)')
    .option('--json', 'print JSON: {memoryGiB, reservedMiB}')
    .addHelpText('after', helpExamples(MEMORY_EXAMPLES))
    .action((size: string, opts: { json?: boolean }) => {
      const target = parseMemoryTarget(size);
      const reservedMiB = reservedMemoryMiB(target.memoryGiB);
      if (opts.json) {
        const out: Record<string, unknown> = { memoryGiB: target.memoryGiB, reservedMiB };
        if (target.machineType) out.machineType = target.machineType;
        io.stdout(JSON.stringify(out) + '\n');
        return;
      }
      const what = target.machineType ? `${target.machineType} (${target.memoryGiB} GiB)` : `${target.memoryGiB} GiB`;
      io.stdout(
        `${what}: image streaming reserves ${reservedMiB.toFixed(2)} MiB of memory (no CPU)\n` +
          (reservedMiB === 0 ? 'nothing is reserved on machines under 1 GiB\n' : ''),
      );
    });
}
