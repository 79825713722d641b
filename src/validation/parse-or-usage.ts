import type { z } from 'zod';
import { UsageError } from '../errors';
import { describeIssue, Issue, parseOr } from './parse-or';

/** How the first problem of an input is said to the user (the CLI names flags, the chat command fields). */
export type DescribeIssue = (issue: Issue) => string;

/** `gkeVersion: must be ...`: the issue's field (or `input`), then zod's message. */
export const describeByField: DescribeIssue = (issue) => describeIssue(issue);

/**
 * Validates user input with a schema; the first problem becomes a one-line UsageError, so the
 * user hears what to fix before anything is queued or called.
 */
export function parseOrUsage<S extends z.ZodType>(
  schema: S,
  input: unknown,
  describe: DescribeIssue = describeByField,
): z.infer<S> {
  return parseOr(schema, input, (issue) => new UsageError(describe(issue)));
}
