import { UsageError } from '../../src/errors';
import { parseMemoryTarget } from '../../src/memory/parse-memory-target';
import { reservedMemoryMiB } from '../../src/memory/reserved-memory';

describe('parseMemoryTarget', () => {
  it.each([
    ['16', 16],
    ['16GiB', 16],
    ['16 GiB', 16],
    ['16gib', 16],
    ['16Gi', 16],
    ['0.5', 0.5],
    ['.5', 0.5],
    ['  2.25  ', 2.25],
    ['12000', 12000],
  ])('reads %p as a plain size of %p GiB', (input, gib) => {
    expect(parseMemoryTarget(input)).toEqual({ memoryGiB: gib });
  });

  it.each([
    ['n2-standard-8', 32],
    ['custom-4-16384', 16],
    ['n2-custom-8-32768', 32],
    ['e2-custom-4-8192', 8],
    ['e2-medium', 4],
  ])('reads machine type %p as %p GiB and keeps its name', (input, gib) => {
    expect(parseMemoryTarget(input)).toEqual({ memoryGiB: gib, machineType: input });
  });

  it('normalises the machine type name to lower case', () => {
    expect(parseMemoryTarget(' N1-HIGHMEM-8 ')).toEqual({ memoryGiB: 52, machineType: 'n1-highmem-8' });
  });

  it('feeds straight into the reservation', () => {
    expect(reservedMemoryMiB(parseMemoryTarget('n2-standard-4').memoryGiB)).toBe(106.5); // 16 GiB
    expect(reservedMemoryMiB(parseMemoryTarget('n2-standard-8').memoryGiB)).toBe(145.82); // 32 GiB
    expect(reservedMemoryMiB(parseMemoryTarget('e2-micro').memoryGiB)).toBe(10.24);
  });

  it.each(['0', '0GiB', '0.0', '12001', '20000GiB', '99999999999999999999'])(
    'rejects the absurd size %p with the accepted range',
    (input) => {
      expect(() => parseMemoryTarget(input)).toThrow(UsageError);
      expect(() => parseMemoryTarget(input)).toThrow(/out of range: a machine has more than 0 and at most 12,000 GiB/);
    },
  );

  it.each(['16GB', '16G', '-4', '1e3', '0x10', '16 MiB', '16,5'])('calls %p an invalid memory size', (input) => {
    expect(() => parseMemoryTarget(input)).toThrow(`invalid memory size "${input}": expected <GiB>`);
  });

  it.each(['-4', '16GB', '16G', '1e3', '0x10', 'Infinity', 'NaN', '16 MiB', 'sixteen', '16,5'])(
    'rejects %p and lists the accepted forms',
    (input) => {
      expect(() => parseMemoryTarget(input)).toThrow(UsageError);
      expect(() => parseMemoryTarget(input)).toThrow(/<GiB> \(e\.g\. 16 or 16GiB\).*\[FAMILY-\]custom-<vCPUs>-<MiB>/);
    },
  );

  it.each(['', '   ', 'n'.repeat(101)])('rejects empty or overlong input %#', (input) => {
    expect(() => parseMemoryTarget(input)).toThrow(UsageError);
    expect(() => parseMemoryTarget(input)).toThrow(/a memory size or machine type is required/);
  });
});
