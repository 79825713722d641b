import { errorMessage } from '../errors';
import { ClassifiedEntry, classifyEntry } from './classify-entry';

/** A classified entry, or why the entry on that line (1-based) could not be classified. */
export type StreamResult = ClassifiedEntry | { line: number; error: string };

/** Error texts are for one line of a report; a huge bad line must not come back whole. */
const MAX_ERROR_CHARS = 200;

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > MAX_ERROR_CHARS ? `${flat.slice(0, MAX_ERROR_CHARS - 3)}...` : flat;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Index of the first non-space character, -1 when there is none. */
function firstNonSpace(text: string, from = 0, to = text.length): number {
  for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return i;
  return -1;
}

/** 1-based line number of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 0x0a) line++;
  return line;
}

function classifyValue(value: unknown, line: number): StreamResult {
  try {
    return classifyEntry(value);
  } catch (err) {
    return { line, error: shorten(errorMessage(err)) };
  }
}

function notJsonText(err: unknown): string {
  return shorten(`not JSON: ${errorMessage(err)}`);
}

/** Reads one value of the text, at its 1-based line; `notJson` stands for a part that is not JSON. */
export interface EntryReader<T> {
  read: (value: unknown, line: number) => T;
  notJson: (line: number, error: string) => T;
}

/** JSON lines, one LogEntry per line (a Pub/Sub dump); blank lines skipped but counted. */
function readLines<T>(text: string, reader: EntryReader<T>): T[] {
  const results: T[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (firstNonSpace(line) < 0) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      results.push(reader.notJson(index + 1, notJsonText(err)));
      continue;
    }
    results.push(reader.read(value, index + 1));
  }
  return results;
}

/**
 * Classifies a text of LogEntries, keeping their order (the shapes of readEntriesText). A bad line
 * or item yields `{line, error}` and the rest is still classified; it never throws.
 */
export function classifyText(input: string): StreamResult[] {
  return readEntriesText(input, { read: classifyValue, notJson: (line, error) => ({ line, error }) });
}

/**
 * Reads a text of LogEntries, keeping their order, one result per entry. Accepted shapes:
 * - one JSON array of LogEntries (first non-space character `[`); a line number is the item index + 1;
 *   an array that is not valid JSON yields a single `notJson` at the line where parsing stopped;
 * - JSON lines, one LogEntry per line (line numbers are the text's own lines);
 * - one JSON object spanning the whole text: an `entries.list` response (`{"entries": [...]}`,
 *   numbered like an array) or a single pretty-printed LogEntry.
 * The reader's own failures are its business; this never throws.
 */
export function readEntriesText<T>(input: string, reader: EntryReader<T>): T[] {
  // Editors on Windows start files with a byte-order mark, which JSON.parse refuses.
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const start = firstNonSpace(text);
  if (start < 0) return [];
  const items = (values: unknown[]) => values.map((item, index) => reader.read(item, index + 1));
  if (text[start] === '[') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.slice(start));
    } catch (err) {
      // V8 says "... in JSON at position N": point at that line; without it, at the array's start.
      const position = /\bposition (\d+)/.exec(errorMessage(err));
      return [reader.notJson(lineAt(text, start + (position ? Number(position[1]) : 0)), notJsonText(err))];
    }
    return items(parsed as unknown[]);
  }
  if (text[start] === '{') {
    // Cheap on JSON lines: the parse stops right after the first line's object.
    let whole: unknown;
    try {
      whole = JSON.parse(text.slice(start));
    } catch {
      return readLines(text, reader);
    }
    const entries = (whole as { entries?: unknown }).entries;
    if (Array.isArray(entries)) return items(entries);
    return [reader.read(whole, lineAt(text, start))];
  }
  return readLines(text, reader);
}
