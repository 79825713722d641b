import { UsageError } from '../errors';
import { customMachineTypeMemoryGiB } from './custom-machine-type';
import { MEMORY_TARGET_FORMS, quoteInput } from './memory-target-forms';
import { MACHINE_SERIES, MachineShape, PREDEFINED_MACHINE_TYPES, isMachineFamily } from './predefined-machine-types';

const PREDEFINED_SHAPE_RE = /^([a-z0-9]+)-(standard|highmem|highcpu)-(\d+)$/;

/**
 * Memory in GiB of a Compute Engine machine type: predefined (`n2-standard-8`, `e2-medium`) or
 * custom (`custom-4-16384`, `n2-custom-8-32768[-ext]`). Case and surrounding spaces are ignored.
 * Unknown or malformed types are a UsageError naming the accepted forms.
 */
export function machineTypeMemoryGiB(machineType: string): number {
  const name = machineType.trim().toLowerCase();
  const predefined = PREDEFINED_MACHINE_TYPES.get(name);
  if (predefined !== undefined) return predefined;
  const custom = customMachineTypeMemoryGiB(name);
  if (custom !== undefined) return custom;
  throw new UsageError(unknownTypeMessage(name));
}

/** The most helpful message we can give: the right vCPU counts or shapes when the series is known. */
function unknownTypeMessage(name: string): string {
  const m = PREDEFINED_SHAPE_RE.exec(name);
  if (m && isMachineFamily(m[1])) {
    const family = m[1];
    const shape = m[2] as MachineShape;
    if (MACHINE_SERIES[family][shape] === undefined) {
      const shapes = Object.keys(MACHINE_SERIES[family]).join(', ');
      return `unknown machine type ${quoteInput(name)}: ${family} has no ${shape} shape (it has ${shapes})`;
    }
    const counts = vcpuCounts(`${family}-${shape}-`);
    return `unknown machine type ${quoteInput(name)}: ${family}-${shape} comes with ${counts} vCPUs`;
  }
  return `unknown machine type ${quoteInput(name)}: expected ${MEMORY_TARGET_FORMS}`;
}

/** The vCPU counts sold under a `family-shape-` prefix, ascending (irregular types included). */
function vcpuCounts(prefix: string): string {
  const counts = [...PREDEFINED_MACHINE_TYPES.keys()]
    .filter((key) => key.startsWith(prefix))
    .map((key) => Number(key.slice(prefix.length)))
    .sort((a, b) => a - b);
  return counts.join(', ');
}
