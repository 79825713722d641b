import { UsageError } from '../errors';
import { assertMemoryGiB } from './assert-memory-gib';
import { MEMORY_TARGET_FORMS, quoteInput } from './memory-target-forms';

// Compute Engine facts, not docs/image-streaming.md: custom types exist only for the N1 (unprefixed `custom-`), E2,
// N2 and N2D series; memory is given in MiB, in multiples of 256; `-ext` (extended memory) is not
// offered on E2. We accept an explicit `n1-` prefix too, since it names the same machine.
const CUSTOM_FAMILIES: readonly string[] = ['n1', 'e2', 'n2', 'n2d'];
const MIB_STEP = 256;

const CUSTOM_RE = /^(?:([a-z0-9]+)-)?custom-(\d{1,4})-(\d{1,9})(-ext)?$/;
/** Anything that tries to be a custom type, so a broken one gets a custom-specific message. */
const LOOKS_CUSTOM_RE = /(^|-)custom(-|$)/;

/**
 * Memory in GiB of a custom machine type (`custom-4-16384`, `n2-custom-8-32768-ext`), or undefined
 * when `name` (already lower-case) is not a custom type. A malformed custom type is a UsageError.
 */
export function customMachineTypeMemoryGiB(name: string): number | undefined {
  if (!LOOKS_CUSTOM_RE.test(name)) return undefined;
  const m = CUSTOM_RE.exec(name);
  if (!m) {
    throw new UsageError(`invalid custom machine type ${quoteInput(name)}: expected ${MEMORY_TARGET_FORMS}`);
  }
  const family = m[1] ?? 'n1';
  const vcpus = Number(m[2]);
  const mib = Number(m[3]);
  if (!CUSTOM_FAMILIES.includes(family)) {
    throw new UsageError(
      `invalid custom machine type ${quoteInput(name)}: Compute Engine offers custom types only for ` +
        `n1 (written custom-<vCPUs>-<MiB>), e2, n2 and n2d`,
    );
  }
  if (family === 'e2' && m[4] !== undefined) {
    throw new UsageError(
      `invalid custom machine type ${quoteInput(name)}: e2 custom types have no extended memory (-ext)`,
    );
  }
  if (vcpus < 1) {
    throw new UsageError(`invalid custom machine type ${quoteInput(name)}: it needs at least 1 vCPU`);
  }
  if (mib === 0 || mib % MIB_STEP !== 0) {
    throw new UsageError(
      `invalid custom machine type ${quoteInput(name)}: ` +
        `memory is in MiB and must be a positive multiple of ${MIB_STEP} (got ${mib})`,
    );
  }
  const gib = mib / 1024;
  assertMemoryGiB(gib, `${quoteInput(name)} (${gib} GiB)`);
  return gib;
}
