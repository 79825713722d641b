import type { Since } from './gcfsd-filter';

// The same ranges as `errors --since` (SINCE_VALUES of gcfsd-filter.ts, which keeps its own copy).
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
