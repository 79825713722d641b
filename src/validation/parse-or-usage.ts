import type { z } from 'zod';
import { UsageError } from '../errors';

/** How the first problem of an input is said to the user (the CLI names flags, the chat command fields). */
export type DescribeIssue = (issue: z.ZodIssue) => string;

/** `gkeVersion: must be ...`: the issue's field (or `input`), then zod's message. */
export const describeByField: DescribeIssue = (issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`;

/**
 * Validates user input with a schema; the first problem becomes a one-line UsageError, so the
 * user hears what to fix before anything is queued or called.
 */
export function parseOrUsage<S extends z.ZodType>(
  schema: S,
  input: unknown,
  describe: DescribeIssue = describeByField,
): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new UsageError(describe(parsed.error.issues[0]!));
}
