/** The accepted ways to name a node's memory, quoted in every "unknown machine type" message. */
export const MEMORY_TARGET_FORMS =
  '<GiB> (e.g. 16 or 16GiB), ' +
  'e2|n1|n2|n2d|c2|c3|t2d-<standard|highmem|highcpu>-<vCPUs> (e.g. n2-standard-8), ' +
  'e2-micro|e2-small|e2-medium, ' +
  'or [FAMILY-]custom-<vCPUs>-<MiB>[-ext] with FAMILY n1|e2|n2|n2d (e.g. custom-4-16384, n2-custom-8-32768)';

/** Quotes user text for a message, cut short so a pasted blob cannot flood the reply. */
export function quoteInput(text: string): string {
  const cut = text.length > 60 ? `${text.slice(0, 60)}...` : text;
  return JSON.stringify(cut);
}
