import type { MessageDocument } from '../chat/message-document';
import { bold, code, rich } from '../chat/rich-text';
import { MIN_RESERVING_GIB, RESERVED_MEMORY_TIERS } from '../memory/reserved-memory';

/** `memory`: what image streaming reserves on such a node (same numbers as the CLI). */
export function memoryMessage(
  target: { memoryGiB: number; machineType?: string },
  reservedMiB: number,
): MessageDocument {
  const what = target.machineType ? `${target.machineType} (${target.memoryGiB} GiB)` : `${target.memoryGiB} GiB`;
  const line = `${what}: image streaming reserves ${reservedMiB.toFixed(2)} MiB of memory (no CPU)`;
  const how =
    reservedMiB === 0
      ? `Nothing is reserved on machines under ${MIN_RESERVING_GIB} GiB.`
      : `GKE reserves ${tiersText()}. On Standard this shrinks what pods can request; on Autopilot GKE absorbs it.`;
  return {
    summary: rich`${line}`,
    blocks: [
      { type: 'text', text: [bold(line)] },
      { type: 'context', text: rich`${how}` },
    ],
    cut: rich`run ${code('imagestream memory')} in a terminal`,
  };
}

// Said from the same table the arithmetic uses, so the explanation cannot drift from the number.
function tiersText(): string {
  let lower = 0;
  return RESERVED_MEMORY_TIERS.map((tier) => {
    const rate = `${tier.rateBp / 100}%`;
    const band =
      tier.upToGiB === Infinity
        ? `above ${lower} GiB`
        : lower === 0
          ? `of the first ${tier.upToGiB} GiB`
          : `from ${lower} to ${tier.upToGiB} GiB`;
    lower = tier.upToGiB;
    return `${rate} ${band}`;
  }).join(', ');
}
