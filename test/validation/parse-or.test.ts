import { z } from 'zod';
import { describeIssue, parseOr } from '../../src/validation/parse-or';

class OddError extends Error {}

describe('parseOr', () => {
  const schema = z.object({ size: z.number().int(), name: z.string().optional() });

  it('returns the parsed value (known fields only)', () => {
    expect(parseOr(schema, { size: 3, extra: true }, () => new OddError('unused'))).toEqual({ size: 3 });
  });

  it("throws the caller's error built from the first issue", () => {
    const parse = () => parseOr(schema, { size: 1.5, name: 2 }, (issue) => new OddError(describeIssue(issue)));
    expect(parse).toThrow(OddError);
    expect(parse).toThrow(/^size: /);
  });
});

describe('describeIssue', () => {
  it('names the dotted path, or the whole input', () => {
    const nested = z.object({ a: z.array(z.object({ b: z.string() })) }).safeParse({ a: [{ b: 1 }] });
    expect(describeIssue(nested.error!.issues[0]!)).toMatch(/^a\.0\.b: /);
    const whole = z.string().safeParse(1);
    expect(describeIssue(whole.error!.issues[0]!)).toMatch(/^input: /);
    expect(describeIssue(whole.error!.issues[0]!, 'entry')).toMatch(/^entry: /);
  });
});
