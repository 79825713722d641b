import { assertMemoryGiB } from './assert-memory-gib';

/** One band of the reservation: `rateBp` hundredths of a percent of the memory up to `upToGiB`. */
export interface ReservationTier {
  upToGiB: number;
  /** Basis points (1% = 100), kept integral so the arithmetic stays exact. */
  rateBp: number;
}

/**
 * docs/image-streaming.md, "Memory that GKE reserves on streaming nodes": 1% of the first 4 GiB, 0.8% of the next
 * 4 GiB (to 8), 0.4% of the next 8 GiB (to 16), 0.24% of the next 112 GiB (to 128), 0.08% above 128.
 */
export const RESERVED_MEMORY_TIERS: readonly ReservationTier[] = [
  { upToGiB: 4, rateBp: 100 },
  { upToGiB: 8, rateBp: 80 },
  { upToGiB: 16, rateBp: 40 },
  { upToGiB: 128, rateBp: 24 },
  { upToGiB: Infinity, rateBp: 8 },
];

/** docs/image-streaming.md: machines under 1 GiB get no reservation at all (at 1 GiB the tiers apply in full). */
export const MIN_RESERVING_GIB = 1;

const MIB_PER_GIB = 1024;

/**
 * MiB that image streaming reserves on a node with `memoryGiB` of memory, rounded to 0.01 MiB.
 * Throws a UsageError for NaN, infinite, zero, negative or absurdly large sizes.
 */
export function reservedMemoryMiB(memoryGiB: number): number {
  assertMemoryGiB(memoryGiB);
  if (memoryGiB < MIN_RESERVING_GIB) return 0;

  // Sum in MiB x basis points: exact for whole-MiB sizes, so the one rounding below is the only one.
  let mibTimesBp = 0;
  let lowerGiB = 0;
  for (const tier of RESERVED_MEMORY_TIERS) {
    if (memoryGiB <= lowerGiB) break;
    const bandGiB = Math.min(memoryGiB, tier.upToGiB) - lowerGiB;
    mibTimesBp += bandGiB * MIB_PER_GIB * tier.rateBp;
    lowerGiB = tier.upToGiB;
  }
  // MiB = mibTimesBp / 10_000; in hundredths of a MiB that is mibTimesBp / 100.
  return Math.round(mibTimesBp / 100) / 100;
}
