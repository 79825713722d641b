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
const EQUALS = 0x3d; // =

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0b || code === 0x0c;
}

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', n: '\n', t: '\t', r: '\r' };

/**
 * Where the value readQuoted read last ends (just past its closing quote). A module variable, not
 * a `{ value, end }` result: that object was one more allocation per value of every entry.
 */
let quotedEnd = 0;

/**
 * Reads a quoted value whose opening quote is at `start` (an unterminated one runs to the end) and
 * sets quotedEnd. It jumps from escape to escape with indexOf instead of looking at each character:
 * a gcfsd error value is a few hundred characters, mostly without escapes.
 */
function readQuoted(text: string, start: number): string {
  let from = start + 1;
  let value = '';
  let quote = text.indexOf('"', from);
  let backslash = text.indexOf('\\', from);
  for (;;) {
    if (backslash === -1 || (quote !== -1 && quote < backslash)) {
      quotedEnd = quote === -1 ? text.length : quote + 1;
      return value + text.slice(from, quote === -1 ? text.length : quote);
    }
    if (backslash + 1 === text.length) {
      // A lone backslash at the very end is kept as written.
      quotedEnd = text.length;
      return value + text.slice(from);
    }
    const escaped = ESCAPES[text[backslash + 1]];
    // An escape we do not know (\x41, \u00e9) is kept as written rather than guessed at.
    value += text.slice(from, backslash) + (escaped ?? text.slice(backslash, backslash + 2));
    from = backslash + 2;
    // The escaped character may have been the quote found: look again past it.
    if (quote !== -1 && quote < from) quote = text.indexOf('"', from);
    backslash = text.indexOf('\\', from);
  }
}

/**
 * Reads `key=value key="quoted \" value" bare` into a Map, in the order keys first appear; a
 * repeated key keeps its last value. A Map, not a record: the classifier adds the structured fields
 * to it, and `Object.fromEntries` of it makes keys such as `__proto__` plain own properties.
 */
export function readLogfmt(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) break;
    if (text.charCodeAt(i) === QUOTE) {
      // A quoted string with no key in front of it is prose, not a field: step over it.
      readQuoted(text, i);
      i = quotedEnd;
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
        value = readQuoted(text, i);
        i = quotedEnd;
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
  return fields;
}
