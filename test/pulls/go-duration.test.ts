import fc from 'fast-check';
import { parseGoDurationNanos, parseGoDurationSeconds } from '../../src/pulls/go-duration';

/** Go's time.Duration.String(), written out here to generate what kubelet prints. */
function goString(ns: bigint): string {
  if (ns === 0n) return '0s';
  if (ns < 1_000_000_000n) {
    const [unit, size] = ns < 1_000n ? ['ns', 1n] : ns < 1_000_000n ? ['µs', 1_000n] : ['ms', 1_000_000n];
    return `${fraction(ns, size)}${unit}`;
  }
  const h = ns / 3_600_000_000_000n;
  const m = (ns / 60_000_000_000n) % 60n;
  const s = fraction(ns % 60_000_000_000n, 1_000_000_000n);
  return h > 0n ? `${h}h${m}m${s}s` : m > 0n ? `${m}m${s}s` : `${s}s`;
}

function fraction(value: bigint, size: bigint): string {
  const whole = value / size;
  const rest = value % size;
  if (rest === 0n) return String(whole);
  const digits = String(size).length - 1;
  return `${whole}.${String(rest).padStart(digits, '0').replace(/0+$/, '')}`;
}

describe('parseGoDurationNanos', () => {
  it.each([
    ['1.536908032s', 1_536_908_032n],
    ['2m3.5s', 123_500_000_000n],
    ['850ms', 850_000_000n],
    ['1h2m', 3_720_000_000_000n],
    ['1h2m0s', 3_720_000_000_000n],
    ['1.5µs', 1_500n],
    ['1.5\u03bcs', 1_500n],
    ['1.5us', 1_500n],
    ['100ns', 100n],
    ['0', 0n],
    ['0s', 0n],
    ['.5s', 500_000_000n],
    ['5.s', 5_000_000_000n],
    ['1.0000000009s', 1_000_000_000n],
  ])('%s is %s ns', (text, nanos) => {
    expect(parseGoDurationNanos(text)).toBe(nanos);
  });

  it.each(['', '5', '.s', 's', '5sec', '12.5sec', '-1s', '+1s', '1.2.3s', '1 s', 'about 5s', '1d', '3000000h'])(
    'refuses %j as Go does',
    (text) => {
      expect(parseGoDurationNanos(text)).toBeNull();
    },
  );

  it('reads back every duration Go prints, to the nanosecond', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 100n * 3_600_000_000_000n }), (ns) => {
        expect(parseGoDurationNanos(goString(ns))).toBe(ns);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads kubelet’s millisecond-truncated figures exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3_600_000 }), (ms) => {
        expect(parseGoDurationSeconds(goString(BigInt(ms) * 1_000_000n))).toBe(ms / 1000);
      }),
    );
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const nanos = parseGoDurationNanos(text);
        expect(nanos === null || nanos >= 0n).toBe(true);
      }),
    );
  });
});
