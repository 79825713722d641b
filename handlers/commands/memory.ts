import { reservedMemoryMiB } from '../../src/memory/reserved-memory';
import { memoryMessage } from '../../src/render/memory-message';
import type { Executor } from './executor';

/** `memory MACHINE_TYPE|GiB`: pure arithmetic, answered at once (no job, no Google call). */
export const memory: Executor<'memory'> = async ({ target }) => ({
  message: memoryMessage(target, reservedMemoryMiB(target.memoryGiB)),
  visibility: 'private',
});
