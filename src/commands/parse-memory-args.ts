import { UsageError } from '../errors';
import { MemoryTarget, parseMemoryTarget } from '../memory/parse-memory-target';

/** `memory MACHINE_TYPE|GiB`. */
export function parseMemoryArgs(args: string[]): MemoryTarget {
  if (args.length !== 1) throw new UsageError('give one machine type or a size in GiB');
  return parseMemoryTarget(args[0]!);
}
