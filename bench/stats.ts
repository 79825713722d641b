/** `x` rounded to 0.01, as every figure the benches print. */
export const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Percentiles of a sample, in the unit given, rounded to 0.01. */
export function summarize(samples: number[]): {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
} {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return {
    n: sorted.length,
    p50: round2(at(0.5)),
    p90: round2(at(0.9)),
    p99: round2(at(0.99)),
    max: round2(sorted[sorted.length - 1]!),
    mean: round2(mean),
  };
}
