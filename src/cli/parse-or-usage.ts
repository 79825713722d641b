import type { z } from 'zod';
import { parseOrUsage as parseOrUsageWith } from '../validation/parse-or-usage';

/** Validates CLI input with a schema; the first problem becomes a one-line UsageError naming the flag. */
export function parseOrUsage<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  return parseOrUsageWith(schema, input, (issue) => {
    const field = issue.path.map(String).join('.');
    const flag = field === 'image' ? 'IMAGE' : `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    return `${flag}: ${issue.message}`;
  });
}
