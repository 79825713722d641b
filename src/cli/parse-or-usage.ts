import { z } from 'zod';
import { UsageError } from '../errors';

/** Validates CLI input with a schema; the first problem becomes a one-line UsageError naming the flag. */
export function parseOrUsage<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  const flag = field === 'image' ? 'IMAGE' : `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  throw new UsageError(`${flag}: ${issue.message}`);
}
