import { UsageError } from '../../src/errors';
import { machineTypeMemoryGiB } from '../../src/memory/machine-types';

describe('machineTypeMemoryGiB: predefined types', () => {
  it.each([
    // e2: 4 / 8 / 1 GiB per vCPU, plus the shared-core machines
    ['e2-standard-2', 8],
    ['e2-standard-32', 128],
    ['e2-highmem-16', 128],
    ['e2-highcpu-8', 8],
    ['e2-micro', 1],
    ['e2-small', 2],
    ['e2-medium', 4],
    // n1: 3.75 / 6.5 / 0.9
    ['n1-standard-1', 3.75],
    ['n1-standard-96', 360],
    ['n1-highmem-8', 52],
    ['n1-highcpu-16', 14.4],
    // n2: 4 / 8 / 1, with n2-highmem-128 at 864 GiB rather than 1024
    ['n2-standard-8', 32],
    ['n2-standard-128', 512],
    ['n2-highmem-96', 768],
    ['n2-highmem-128', 864],
    ['n2-highcpu-48', 48],
    // n2d: up to 224 vCPUs for standard and highcpu
    ['n2d-standard-224', 896],
    ['n2d-highmem-2', 16],
    ['n2d-highcpu-128', 128],
    // c2: standard only, 4 GiB per vCPU
    ['c2-standard-30', 120],
    ['c2-standard-60', 240],
    // c3: 4 / 8 / 2, odd vCPU counts
    ['c3-standard-22', 88],
    ['c3-highmem-176', 1408],
    ['c3-highcpu-4', 8],
    // t2d: standard only, 4 GiB per vCPU
    ['t2d-standard-1', 4],
    ['t2d-standard-60', 240],
  ])('%s has %p GiB', (type, gib) => {
    expect(machineTypeMemoryGiB(type)).toBeCloseTo(gib, 10);
  });

  it('ignores case and surrounding spaces', () => {
    expect(machineTypeMemoryGiB('  N2-Standard-8 ')).toBe(32);
  });
});

describe('machineTypeMemoryGiB: custom types', () => {
  it.each([
    ['custom-4-16384', 16],
    ['custom-1-1024', 1],
    ['custom-2-15360-ext', 15],
    ['n1-custom-4-16384', 16],
    ['n2-custom-8-32768', 32],
    ['n2-custom-2-65536-ext', 64],
    ['n2d-custom-16-65536', 64],
    ['e2-custom-4-8192', 8],
    ['e2-custom-2-2816', 2.75],
  ])('%s has %p GiB (memory is in MiB)', (type, gib) => {
    expect(machineTypeMemoryGiB(type)).toBe(gib);
  });

  it.each([
    ['custom-4-1000', /multiple of 256/],
    ['custom-4-0', /multiple of 256/],
    ['custom-0-4096', /at least 1 vCPU/],
    ['e2-custom-4-8192-ext', /e2 custom types have no extended memory/],
    ['c2-custom-4-16384', /custom types only for n1 \(written custom-<vCPUs>-<MiB>\), e2, n2 and n2d/],
    ['t2d-custom-4-16384', /custom types only for/],
    ['custom-4', /expected .*\[FAMILY-\]custom-<vCPUs>-<MiB>/],
    ['custom-4-16gb', /expected .*\[FAMILY-\]custom-<vCPUs>-<MiB>/],
    ['custom-400-13107200', /out of range: a machine has more than 0 and at most 12,000 GiB/],
  ])('rejects %s and says why', (type, message) => {
    expect(() => machineTypeMemoryGiB(type)).toThrow(UsageError);
    expect(() => machineTypeMemoryGiB(type)).toThrow(message);
  });
});

describe('machineTypeMemoryGiB: unknown types', () => {
  it('lists every accepted form for a type it cannot place', () => {
    for (const type of ['m1-ultramem-40', 'f1-micro', 'n2-megamem-8', 'banana', '']) {
      let message = '';
      try {
        machineTypeMemoryGiB(type);
      } catch (err) {
        expect(err).toBeInstanceOf(UsageError);
        message = (err as Error).message;
      }
      expect(message).toContain('unknown machine type');
      expect(message).toContain('<GiB>');
      expect(message).toContain('e2|n1|n2|n2d|c2|c3|t2d-<standard|highmem|highcpu>-<vCPUs>');
      expect(message).toContain('[FAMILY-]custom-<vCPUs>-<MiB>');
    }
  });

  it('names the vCPU counts a known series is sold in', () => {
    expect(() => machineTypeMemoryGiB('n2-standard-6')).toThrow(
      'unknown machine type "n2-standard-6": n2-standard comes with 2, 4, 8, 16, 32, 48, 64, 80, 96, 128 vCPUs',
    );
    expect(() => machineTypeMemoryGiB('n2-highmem-256')).toThrow(/n2-highmem comes with .*96, 128 vCPUs/);
    expect(() => machineTypeMemoryGiB('c3-standard-16')).toThrow(/c3-standard comes with 4, 8, 22, 44, 88, 176 vCPUs/);
  });

  it('names the shapes a series has when asked for one it lacks', () => {
    expect(() => machineTypeMemoryGiB('c2-highmem-8')).toThrow(
      'unknown machine type "c2-highmem-8": c2 has no highmem shape (it has standard)',
    );
    expect(() => machineTypeMemoryGiB('t2d-highcpu-4')).toThrow(/t2d has no highcpu shape/);
  });

  it('keeps a pasted blob out of the message', () => {
    let message = '';
    try {
      machineTypeMemoryGiB('x'.repeat(5000));
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message.length).toBeLessThan(500);
  });
});
