import { z } from 'zod';
import { EntryError } from './entry-error';
import { describeIssue, parseOr } from '../validation/parse-or';

const stringMap = z.record(z.string(), z.string());

/**
 * The LogEntry fields the classifier reads (Cloud Logging v2 JSON, the same in a Pub/Sub sink's
 * `data` and in an `entries.list` item). Other fields are ignored, and payloads are not walked
 * into: a deeply nested jsonPayload costs nothing here. Exported for the test that holds the fast
 * reader (wellFormed) to it.
 */
export const logEntrySchema = z.object({
  logName: z.string().optional(),
  resource: z.object({ type: z.string().optional(), labels: stringMap.optional() }).optional(),
  timestamp: z.string().optional(),
  severity: z.string().optional(),
  insertId: z.string().optional(),
  labels: stringMap.optional(),
  textPayload: z.string().optional(),
  jsonPayload: z.record(z.string(), z.unknown()).optional(),
  protoPayload: z.record(z.string(), z.unknown()).optional(),
});

/** A validated LogEntry, reduced to what the classifier reads. */
export type LogEntry = z.infer<typeof logEntrySchema>;

const IDENTIFYING = ['logName', 'resource', 'insertId', 'textPayload', 'jsonPayload', 'protoPayload'] as const;

/** "got null", "got an array", "got a number"...: never the value itself, which may be huge. */
function describe(value: unknown): string {
  if (value === null) return 'got null';
  if (value === undefined) return 'got undefined';
  if (Array.isArray(value)) return 'got an array';
  return `got a ${typeof value}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const STRING_FIELDS = ['logName', 'timestamp', 'severity', 'insertId', 'textPayload'] as const;

/** A copy of a map whose every own value is a string, else undefined. */
function stringMapOf(value: Record<string, unknown>): Record<string, string> | undefined {
  const copy: Record<string, string> = {};
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (typeof v !== 'string' || key === '__proto__') return undefined;
    copy[key] = v;
  }
  return copy;
}

/**
 * What logEntrySchema makes of a well-formed entry, without zod (a storm reads thousands a second);
 * undefined for anything else, which zod then reads and explains. Only the fields the schema keeps.
 */
function wellFormed(value: Record<string, unknown>): LogEntry | undefined {
  const entry: LogEntry = {};
  for (const field of STRING_FIELDS) {
    const v = value[field];
    if (v === undefined) continue;
    if (typeof v !== 'string') return undefined;
    entry[field] = v;
  }
  if (value.resource !== undefined) {
    const r = value.resource;
    if (!isObject(r) || (r.type !== undefined && typeof r.type !== 'string')) return undefined;
    const resource: NonNullable<LogEntry['resource']> = {};
    if (r.type !== undefined) resource.type = r.type as string;
    if (r.labels !== undefined) {
      const labels = isObject(r.labels) ? stringMapOf(r.labels) : undefined;
      if (!labels) return undefined;
      resource.labels = labels;
    }
    entry.resource = resource;
  }
  if (value.labels !== undefined) {
    const labels = isObject(value.labels) ? stringMapOf(value.labels) : undefined;
    if (!labels) return undefined;
    entry.labels = labels;
  }
  for (const field of ['jsonPayload', 'protoPayload'] as const) {
    const v = value[field];
    if (v === undefined) continue;
    if (!isObject(v) || Object.hasOwn(v, '__proto__')) return undefined;
    entry[field] = { ...v };
  }
  return entry;
}

/** Validates an untrusted value as a LogEntry; throws EntryError saying what is wrong. */
export function readLogEntry(value: unknown): LogEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EntryError(`expected a JSON object, ${describe(value)}`);
  }
  const entry =
    wellFormed(value as Record<string, unknown>) ??
    parseOr(logEntrySchema, value, (issue) => new EntryError(describeIssue(issue, 'entry')));
  if (!IDENTIFYING.some((key) => entry[key] !== undefined)) {
    throw new EntryError(`the object has none of ${IDENTIFYING.join(', ')}`);
  }
  return entry;
}
