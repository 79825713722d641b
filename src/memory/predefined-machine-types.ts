/**
 * Predefined Compute Engine machine types and their memory in GiB.
 *
 * These are Compute Engine facts (the machine-family pages and `machineTypes.list`), NOT facts from
 * docs/image-streaming.md: the seed only gives the reservation tiers, and users name nodes by machine type.
 * Compute Engine writes "GB" for these sizes but means GiB (2^30 bytes). The table is generated
 * from each series' shapes, vCPU counts and GiB-per-vCPU ratio; irregular sizes are listed apart.
 * Series left out on purpose (answer with `<GiB>` or a custom type instead): f1/g1, m1-m3, c2d,
 * c3d, n4, t2a, a2/a3/g2, and the -lssd / -metal variants.
 */

/** The series this table knows. */
export type MachineFamily = 'e2' | 'n1' | 'n2' | 'n2d' | 'c2' | 'c3' | 't2d';

/** The predefined shapes; not every series has all three. */
export type MachineShape = 'standard' | 'highmem' | 'highcpu';

/** A shape of one series: its memory per vCPU and the vCPU counts it is sold in. */
export interface ShapeSpec {
  gibPerVcpu: number;
  vcpus: readonly number[];
}

const N2_VCPUS = [2, 4, 8, 16, 32, 48, 64, 80, 96] as const;
const N2D_BIG_VCPUS = [...N2_VCPUS, 128, 224] as const;
const C3_VCPUS = [4, 8, 22, 44, 88, 176] as const;

/** Shapes per series, as Compute Engine sells them. */
export const MACHINE_SERIES: Readonly<Record<MachineFamily, Partial<Record<MachineShape, ShapeSpec>>>> = {
  e2: {
    standard: { gibPerVcpu: 4, vcpus: [2, 4, 8, 16, 32] },
    highmem: { gibPerVcpu: 8, vcpus: [2, 4, 8, 16] },
    highcpu: { gibPerVcpu: 1, vcpus: [2, 4, 8, 16, 32] },
  },
  n1: {
    standard: { gibPerVcpu: 3.75, vcpus: [1, 2, 4, 8, 16, 32, 64, 96] },
    highmem: { gibPerVcpu: 6.5, vcpus: [2, 4, 8, 16, 32, 64, 96] },
    highcpu: { gibPerVcpu: 0.9, vcpus: [2, 4, 8, 16, 32, 64, 96] },
  },
  n2: {
    standard: { gibPerVcpu: 4, vcpus: [...N2_VCPUS, 128] },
    // n2-highmem-128 exists but is not 8 GiB/vCPU: it is in IRREGULAR_MACHINE_TYPES.
    highmem: { gibPerVcpu: 8, vcpus: N2_VCPUS },
    highcpu: { gibPerVcpu: 1, vcpus: N2_VCPUS },
  },
  n2d: {
    standard: { gibPerVcpu: 4, vcpus: N2D_BIG_VCPUS },
    highmem: { gibPerVcpu: 8, vcpus: N2_VCPUS },
    highcpu: { gibPerVcpu: 1, vcpus: N2D_BIG_VCPUS },
  },
  c2: {
    standard: { gibPerVcpu: 4, vcpus: [4, 8, 16, 30, 60] },
  },
  c3: {
    standard: { gibPerVcpu: 4, vcpus: C3_VCPUS },
    highmem: { gibPerVcpu: 8, vcpus: C3_VCPUS },
    highcpu: { gibPerVcpu: 2, vcpus: C3_VCPUS },
  },
  t2d: {
    standard: { gibPerVcpu: 4, vcpus: [1, 2, 4, 8, 16, 32, 48, 60] },
  },
};

/** Types whose memory no ratio gives: E2 shared-core machines and n2-highmem-128 (864 GiB). */
const IRREGULAR_MACHINE_TYPES: Readonly<Record<string, number>> = {
  'e2-micro': 1,
  'e2-small': 2,
  'e2-medium': 4,
  'n2-highmem-128': 864,
};

/** Memory in GiB of every predefined type above, keyed by its lower-case name. */
export const PREDEFINED_MACHINE_TYPES: ReadonlyMap<string, number> = buildTable();

function buildTable(): Map<string, number> {
  const table = new Map<string, number>();
  for (const [family, shapes] of Object.entries(MACHINE_SERIES)) {
    for (const [shape, spec] of Object.entries(shapes)) {
      for (const vcpus of spec.vcpus) table.set(`${family}-${shape}-${vcpus}`, vcpus * spec.gibPerVcpu);
    }
  }
  for (const [name, gib] of Object.entries(IRREGULAR_MACHINE_TYPES)) table.set(name, gib);
  return table;
}

/** Whether `name` is one of the series in MACHINE_SERIES. */
export function isMachineFamily(name: string): name is MachineFamily {
  return Object.prototype.hasOwnProperty.call(MACHINE_SERIES, name);
}
