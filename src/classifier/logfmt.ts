/**
 * A logfmt reader for gcfsd lines (Go logrus text format):
 *   level=error msg="backend.FileContent failed" error="rpc error: ..." layer_id="sha256:..." offset=0
 * Keys are runs of characters other than space, `=` and `"`; a value is either quoted (Go escapes
 * `\"`, `\\`, `\n`, `\t`, `\r`) or runs to the next space; a bare key gets the empty string.
 * One pass over the text, no regular expressions: it runs on every entry of an error storm.
 */

/** Log lines carry about ten keys; the cap bounds the work and the output on junk input. */
export const LOGFMT_MAX_KEYS = 100;

const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \
const EQUALS = 0x3d; // =

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0b || code === 0x0c;
}

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', n: '\n', t: '\t', r: '\r' };

/** Reads a quoted value whose opening quote is at `start`; an unterminated one runs to the end. */
function readQuoted(text: string, start: number): { value: string; end: number } {
  let i = start + 1;
  let segmentStart = i;
  let value = '';
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      return { value: value + text.slice(segmentStart, i), end: i + 1 };
    }
    if (code === BACKSLASH && i + 1 < text.length) {
      const escaped = ESCAPES[text[i + 1]];
      // An escape we do not know (\x41, \u00e9) is kept as written rather than guessed at.
      value += text.slice(segmentStart, i) + (escaped ?? text.slice(i, i + 2));
      i += 2;
      segmentStart = i;
      continue;
    }
    i++;
  }
  return { value: value + text.slice(segmentStart), end: text.length };
}

/** Parses `key=value key="quoted \" value" bare` into a record; a repeated key keeps its last value. */
export function parseLogfmt(text: string): Record<string, string> {
  // A Map, then Object.fromEntries: keys such as `__proto__` become plain own properties.
  const fields = new Map<string, string>();
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) break;
    if (text.charCodeAt(i) === QUOTE) {
      // A quoted string with no key in front of it is prose, not a field: step over it.
      i = readQuoted(text, i).end;
      continue;
    }
    const keyStart = i;
    while (i < n) {
      const code = text.charCodeAt(i);
      if (isSpace(code) || code === EQUALS || code === QUOTE) break;
      i++;
    }
    const key = text.slice(keyStart, i);
    let value = '';
    if (i < n && text.charCodeAt(i) === EQUALS) {
      i++;
      if (i < n && text.charCodeAt(i) === QUOTE) {
        const quoted = readQuoted(text, i);
        value = quoted.value;
        i = quoted.end;
      } else {
        const valueStart = i;
        while (i < n && !isSpace(text.charCodeAt(i))) i++;
        value = text.slice(valueStart, i);
      }
    }
    if (key === '') continue; // `=value` with no key
    if (!fields.has(key) && fields.size >= LOGFMT_MAX_KEYS) break;
    fields.set(key, value);
  }
  return Object.fromEntries(fields);
}
