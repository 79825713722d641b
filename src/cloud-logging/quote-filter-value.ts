/**
 * A value as a Logging query language string literal: in double quotes, with `\` and `"`
 * escaped, so that no value can end the literal early and add clauses of its own.
 */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
