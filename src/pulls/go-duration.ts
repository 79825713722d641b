/**
 * Go's `time.ParseDuration`, which is what reads the `%v` of a `time.Duration` back: kubelet writes
 * pull times with Go's `Duration.String()` (`1.536908032s`, `2m3.5s`, `850ms`, `1.5µs`, `1h2m0s`).
 * Exact to the nanosecond, like Go (digits past the nanosecond are truncated); never guesses:
 * anything Go would refuse is null. A sign is refused too: a pull never takes negative time.
 */

const NANOS_PER_UNIT: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  // Go writes U+00B5 (micro sign) and also accepts U+03BC (Greek mu).
  '\u00b5s': 1_000n,
  '\u03bcs': 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** One `[digits][.digits]unit` segment; Go needs digits on at least one side of the dot. */
const SEGMENT = /(\d*)(?:\.(\d*))?([^\d.]+)/y;

/** The duration in nanoseconds, or null when Go's ParseDuration would refuse the text. */
export function parseGoDurationNanos(text: string): bigint | null {
  if (text === '0') return 0n;
  if (text.length === 0) return null;
  let total = 0n;
  SEGMENT.lastIndex = 0;
  while (SEGMENT.lastIndex < text.length) {
    const at = SEGMENT.lastIndex;
    const m = SEGMENT.exec(text);
    if (!m || m.index !== at) return null;
    const [, whole = '', fraction, unitName = ''] = m;
    if (whole === '' && (fraction === undefined || fraction === '')) return null;
    const unit = NANOS_PER_UNIT[unitName];
    if (unit === undefined) return null;
    total += BigInt(whole || '0') * unit;
    if (fraction) total += (BigInt(fraction) * unit) / 10n ** BigInt(fraction.length);
  }
  // Go refuses what does not fit an int64 of nanoseconds (about 292 years).
  return total > MAX_INT64 ? null : total;
}

const MAX_INT64 = 2n ** 63n - 1n;

/** The duration in seconds (a double: exact enough for any pull time), or null as above. */
export function parseGoDurationSeconds(text: string): number | null {
  const nanos = parseGoDurationNanos(text);
  return nanos === null ? null : Number(nanos) / 1e9;
}
