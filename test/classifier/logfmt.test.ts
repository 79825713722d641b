import fc from 'fast-check';
import { LOGFMT_MAX_KEYS, readLogfmt } from '../../src/classifier/logfmt';

/** The fields as the classifier turns them into a record. */
const parseLogfmt = (text: string): Record<string, string> => Object.fromEntries(readLogfmt(text));

/**
 * The quoted-value reader as first written, one character at a time: the parser now jumps between
 * quotes and backslashes with indexOf, and must read every text exactly as this did.
 */
function referenceQuoted(text: string, start: number): { value: string; end: number } {
  const escapes: Record<string, string> = { '"': '"', '\\': '\\', n: '\n', t: '\t', r: '\r' };
  let i = start + 1;
  let segmentStart = i;
  let value = '';
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') return { value: value + text.slice(segmentStart, i), end: i + 1 };
    if (ch === '\\' && i + 1 < text.length) {
      value += text.slice(segmentStart, i) + (escapes[text[i + 1]!] ?? text.slice(i, i + 2));
      i += 2;
      segmentStart = i;
      continue;
    }
    i++;
  }
  return { value: value + text.slice(segmentStart), end: text.length };
}

describe('readLogfmt', () => {
  it('reads plain and quoted values of a gcfsd line', () => {
    expect(
      parseLogfmt('level=error msg="backend.FileContent failed" module=gcfs_backend offset=0 path=etc/passwd'),
    ).toEqual({
      level: 'error',
      msg: 'backend.FileContent failed',
      module: 'gcfs_backend',
      offset: '0',
      path: 'etc/passwd',
    });
  });

  it('unescapes Go-quoted values (\\" \\\\ \\n \\t) and keeps unknown escapes as written', () => {
    expect(parseLogfmt('msg="say \\"hi\\"" p="C:\\\\dir" m="a\\nb\\tc" u="\\u00e9"')).toEqual({
      msg: 'say "hi"',
      p: 'C:\\dir',
      m: 'a\nb\tc',
      u: '\\u00e9',
    });
  });

  it('reads any quoted value, escapes and unterminated ones included, as a character-by-character reader', () => {
    // Made of the characters that matter to the reader, so quotes and escapes meet often.
    const tricky = fc.string({ unit: fc.constantFrom('"', '\\', 'n', 't', 'r', 'u', ' ', '=', 'a'), maxLength: 40 });
    fc.assert(
      fc.property(tricky, (inside) => {
        const line = `k="${inside} z=1`;
        const { value, end } = referenceQuoted(line, 2);
        // The value, then the rest of the line read from where the reference's value ended.
        const expected = new Map([['k', value], ...Object.entries(parseLogfmt(line.slice(end)))]);
        expect(parseLogfmt(line)).toEqual(Object.fromEntries(expected));
      }),
    );
  });

  it('gives bare keys and `key=` the empty string', () => {
    expect(parseLogfmt('debug level= msg=x')).toEqual({ debug: '', level: '', msg: 'x' });
  });

  it('tolerates extra spaces, tabs and an unterminated quote', () => {
    expect(parseLogfmt('  a=1 \t  b="two words  ')).toEqual({ a: '1', b: 'two words  ' });
  });

  it('skips a quoted string without a key and an `=value` without a key', () => {
    expect(parseLogfmt('"just prose" =orphan k=v')).toEqual({ k: 'v' });
  });

  it('keeps the last value of a repeated key', () => {
    expect(parseLogfmt('level=info level=error')).toEqual({ level: 'error' });
  });

  it('returns __proto__ as a plain field without touching the prototype', () => {
    const fields = parseLogfmt('__proto__=x constructor=y');
    expect(Object.keys(fields)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
    expect(fields.constructor).toBe('y');
  });

  it(`stops after ${LOGFMT_MAX_KEYS} keys on junk`, () => {
    const junk = Array.from({ length: 1000 }, (_, i) => `k${i}=${i}`).join(' ');
    const fields = parseLogfmt(junk);
    expect(Object.keys(fields)).toHaveLength(LOGFMT_MAX_KEYS);
    expect(fields.k0).toBe('0');
  });

  it('returns an empty record for empty text', () => {
    expect(parseLogfmt('')).toEqual({});
    expect(parseLogfmt('   ')).toEqual({});
  });
});
