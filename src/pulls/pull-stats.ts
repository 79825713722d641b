/**
 * The figures of a set of pull times. median: the middle value (the mean of the two middle ones
 * for an even count); p90: nearest rank, the smallest time at or under which 90% of pulls fall
 * (a real pull time, never interpolated). Both null when there are no times, never 0. Seconds are
 * rounded to the millisecond: the newer kubelet messages carry no more.
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return roundMs(sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2);
}

export function p90(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return roundMs(sorted[Math.ceil(0.9 * sorted.length) - 1]!);
}

export function roundMs(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/**
 * Histogram buckets of pull time, upper bounds in seconds: roughly doubling, on the round figures
 * people say (a streamed pull is a second or two, a full pull of a big image tens of seconds to
 * minutes, the page's example 1.54 s against 23.9 s), so both kinds spread over a few rows.
 */
export const BUCKETS: ReadonlyArray<{ label: string; upTo: number }> = [
  { label: '< 1s', upTo: 1 },
  { label: '1-2s', upTo: 2 },
  { label: '2-5s', upTo: 5 },
  { label: '5-10s', upTo: 10 },
  { label: '10-30s', upTo: 30 },
  { label: '30-60s', upTo: 60 },
  { label: '1-2m', upTo: 120 },
  { label: '>= 2m', upTo: Infinity },
];

/** How many times fall in each of BUCKETS (a time equal to a bound goes to the next bucket). */
export function bucketCounts(values: readonly number[]): number[] {
  const counts = BUCKETS.map(() => 0);
  for (const v of values) counts[BUCKETS.findIndex((b) => v < b.upTo)]! += 1;
  return counts;
}
