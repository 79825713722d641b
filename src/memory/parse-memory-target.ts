import { z } from 'zod';
import { UsageError } from '../errors';
import { assertMemoryGiB } from './assert-memory-gib';
import { machineTypeMemoryGiB } from './machine-types';
import { MEMORY_TARGET_FORMS, quoteInput } from './memory-target-forms';

/** What the user asked about: a memory size, and the machine type when they named one. */
export interface MemoryTarget {
  memoryGiB: number;
  /** Lower-case machine type, present only when the input was a machine type. */
  machineType?: string;
}

// Plain decimals only: "1e3", "0x10" or "Infinity" are far likelier typos than intent.
// `Gi` is accepted because Kubernetes users write quantities that way; bare "G"/"GB" are not,
// since they are ambiguous between GB and GiB.
const GIB_RE = /^(\d+(?:\.\d+)?|\.\d+)\s*(?:gib|gi)?$/i;

const inputSchema = z.string().trim().min(1).max(100);

/**
 * Parses "16", "16GiB", "0.5", "n2-standard-8", "custom-4-16384", "n2-custom-8-32768",
 * "e2-custom-4-8192" into a MemoryTarget. Anything else is a UsageError naming the accepted forms.
 */
export function parseMemoryTarget(input: string): MemoryTarget {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    throw new UsageError(`a memory size or machine type is required (at most 100 characters): ${MEMORY_TARGET_FORMS}`);
  }
  const text = parsed.data;
  const size = GIB_RE.exec(text);
  if (size) {
    const memoryGiB = Number(size[1]);
    assertMemoryGiB(memoryGiB, quoteInput(text));
    return { memoryGiB };
  }
  // Starts like a number (e.g. "16GB", "-4", "1e3"): say it is a bad size, not an unknown machine type.
  if (/^[-+.\d]/.test(text)) {
    throw new UsageError(`invalid memory size ${quoteInput(text)}: expected ${MEMORY_TARGET_FORMS}`);
  }
  const machineType = text.toLowerCase();
  return { memoryGiB: machineTypeMemoryGiB(machineType), machineType };
}
