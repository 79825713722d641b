import { UsageError } from '../errors';

/**
 * Upper bound on a machine's memory, in GiB. Not a docs/image-streaming.md fact: a typo catcher set just above
 * the largest Compute Engine machine GKE users meet (m2-ultramem-416, 11,776 GiB), so "16000" meant
 * as MiB or a stray digit is reported instead of silently producing a huge reservation.
 */
export const MAX_MEMORY_GIB = 12_000;

/**
 * Throws a UsageError unless `memoryGiB` is a finite size above 0 and at most MAX_MEMORY_GIB.
 * `label` names the value as the user wrote it (defaults to "<n> GiB").
 */
export function assertMemoryGiB(memoryGiB: number, label?: string): void {
  if (Number.isFinite(memoryGiB) && memoryGiB > 0 && memoryGiB <= MAX_MEMORY_GIB) return;
  throw new UsageError(
    `memory size ${label ?? `${memoryGiB} GiB`} is out of range: ` +
      `a machine has more than 0 and at most ${MAX_MEMORY_GIB.toLocaleString('en-US')} GiB`,
  );
}
