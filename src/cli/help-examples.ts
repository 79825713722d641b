/**
 * The "Examples:" block under a command's --help: complete command lines to copy. Every line
 * starts with `imagestream ` so test/adapters/slack/help-examples.test.ts can find and parse each one.
 */
export function helpExamples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((line) => `  ${line}\n`).join('')}`;
}
