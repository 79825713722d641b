import type { z } from 'zod';

/** One problem zod found (the first is the one said). */
export type Issue = z.core.$ZodIssue;

/**
 * `path: message` (`replyTo.channelId: not a Slack id`); an issue about the whole input is named
 * `whole` instead of a path.
 */
export function describeIssue(issue: Issue, whole = 'input'): string {
  return `${issue.path.map(String).join('.') || whole}: ${issue.message}`;
}

/**
 * Validates a value with a schema, or throws the error `toError` builds from the first problem:
 * each caller keeps its own error class and wording, this keeps the one parse step.
 */
export function parseOr<S extends z.ZodType>(schema: S, input: unknown, toError: (issue: Issue) => Error): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw toError(parsed.error.issues[0]!);
}
