import type { z } from 'zod';

/** A one-line summary of the first zod issues (`layers.0.digest: not a digest`), for error messages. */
export function describeIssues(error: z.ZodError, max = 3): string {
  const parts = error.issues.slice(0, max).map((issue) => {
    const where = issue.path.map(String).join('.') || '(top level)';
    return `${where}: ${issue.message}`;
  });
  const more = error.issues.length - max;
  return parts.join('; ') + (more > 0 ? ` (and ${more} more)` : '');
}
