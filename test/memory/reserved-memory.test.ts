import { UsageError } from '../../src/errors';
import { reservedMemoryMiB } from '../../src/memory/reserved-memory';

// Expected values computed by hand from docs/image-streaming.md's tiers (MiB = GiB x 1024 x rate), rounded to 0.01.
describe('reservedMemoryMiB', () => {
  it.each([
    [0.5, 0],
    [1, 10.24], // 1% of 1 GiB
    [4, 40.96], // 1% of 4 GiB
    [8, 73.73], // 40.96 + 0.8% of 4 GiB = 73.728
    [16, 106.5], // 73.728 + 0.4% of 8 GiB = 106.496
    [128, 381.75], // 106.496 + 0.24% of 112 GiB = 381.7472
    [256, 486.6], // 381.7472 + 0.08% of 128 GiB = 486.6048
  ])('reserves the exact tiered amount for %p GiB: %p MiB', (gib, mib) => {
    expect(reservedMemoryMiB(gib)).toBe(mib);
  });

  it('reserves nothing under 1 GiB and the full first tier from 1 GiB on', () => {
    expect(reservedMemoryMiB(0.001)).toBe(0);
    expect(reservedMemoryMiB(0.999)).toBe(0);
    expect(reservedMemoryMiB(1)).toBe(10.24);
  });

  it.each([
    // [below, reserved below, above, reserved above] around each tier boundary
    [3.99, 40.86, 4.01, 41.04], // 1% below 4 GiB, 0.8% above
    [7.99, 73.65, 8.01, 73.77], // 0.8% below 8 GiB, 0.4% above
    [15.99, 106.46, 16.01, 106.52], // 0.4% below 16 GiB, 0.24% above
    [127.99, 381.72, 128.01, 381.76], // 0.24% below 128 GiB, 0.08% above
  ])('is continuous across a tier boundary: %p -> %p, %p -> %p', (below, atBelow, above, atAbove) => {
    expect(reservedMemoryMiB(below)).toBe(atBelow);
    expect(reservedMemoryMiB(above)).toBe(atAbove);
  });

  it('charges each band at its own rate, not the whole size at the top rate', () => {
    // One extra GiB costs 10.24 MiB in tier 1, 8.192 in tier 2, 4.096 in tier 3, 2.4576 in tier 4, 0.8192 above.
    expect(reservedMemoryMiB(2)).toBe(20.48);
    expect(reservedMemoryMiB(6)).toBe(57.34); // 40.96 + 16.384
    expect(reservedMemoryMiB(12)).toBe(90.11); // 73.728 + 16.384
    expect(reservedMemoryMiB(64)).toBe(224.46); // 106.496 + 117.9648
    expect(reservedMemoryMiB(512)).toBe(696.32); // 381.7472 + 314.5728
    expect(reservedMemoryMiB(12000)).toBe(10107.29);
  });

  it.each([NaN, -1, 0, Infinity, 12000.5, 1e9])('rejects %p GiB with a UsageError that states the range', (gib) => {
    expect(() => reservedMemoryMiB(gib)).toThrow(UsageError);
    expect(() => reservedMemoryMiB(gib)).toThrow(/out of range: a machine has more than 0 and at most 12,000 GiB/);
  });
});
