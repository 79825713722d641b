import { UsageError } from '../../src/errors';
import { parseMemoryTarget } from '../../src/memory/parse-memory-target';
import { reservedMemoryMiB } from '../../src/memory/reserved-memory';
import { renderMemory } from '../../src/slack/render-memory';
import { Subcommand } from './subcommand';

/** `/imagestream memory MACHINE_TYPE|GiB`: pure arithmetic, answered in the ack (no job, no Google call). */
export const memory: Subcommand = {
  name: 'memory',
  handle: async (args) => {
    if (args.length !== 1) throw new UsageError('give one machine type or a size in GiB');
    const target = parseMemoryTarget(args[0]!);
    return { message: renderMemory(target, reservedMemoryMiB(target.memoryGiB)), responseType: 'ephemeral' };
  },
};
