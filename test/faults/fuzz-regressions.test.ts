/** Unit regressions for what test/faults/fuzz.test.ts found; the fuzz itself re-checks them end to end. */
import { parseCommandArgs } from '../../src/commands/command-text';
import { UsageError } from '../../src/errors';

describe('parseCommandArgs', () => {
  it('names a flag missing its value without leaking the TypeError name or code', () => {
    let caught: unknown;
    try {
      parseCommandArgs(['--project'], { project: { type: 'string' } });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as Error).message).toContain("--project <value>' argument missing");
    expect((caught as Error).message).not.toMatch(/TypeError|ERR_PARSE_ARGS/);
  });
});
