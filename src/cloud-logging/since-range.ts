/** The time ranges `--since` accepts (`errors`, `pulls`). */
export const SINCE_VALUES = ['1h', '6h', '24h', '7d'] as const;
/** One of SINCE_VALUES. */
export type Since = (typeof SINCE_VALUES)[number];

const SINCE_MS: Readonly<Record<Since, number>> = {
  '1h': 3600e3,
  '6h': 6 * 3600e3,
  '24h': 24 * 3600e3,
  '7d': 7 * 24 * 3600e3,
};

/** When a `--since` range that ends at `now` starts, as the ISO timestamp a Logging filter compares. */
export function sinceStart(since: Since, now: Date): string {
  return new Date(now.getTime() - SINCE_MS[since]).toISOString();
}
