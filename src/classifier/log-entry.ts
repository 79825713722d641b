import { z } from 'zod';
import { EntryError } from './entry-error';
import { describeIssue, parseOr } from '../validation/parse-or';

const stringMap = z.record(z.string(), z.string());

/**
 * The LogEntry fields the classifier reads (Cloud Logging v2 JSON, the same in a Pub/Sub sink's
 * `data` and in an `entries.list` item). Other fields are ignored, and payloads are not walked
 * into: a deeply nested jsonPayload costs nothing here.
 */
const LogEntrySchema = z.object({
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
export type LogEntry = z.infer<typeof LogEntrySchema>;

const IDENTIFYING = ['logName', 'resource', 'insertId', 'textPayload', 'jsonPayload', 'protoPayload'] as const;

/** "got null", "got an array", "got a number"...: never the value itself, which may be huge. */
function describe(value: unknown): string {
  if (value === null) return 'got null';
  if (value === undefined) return 'got undefined';
  if (Array.isArray(value)) return 'got an array';
  return `got a ${typeof value}`;
}

/** Validates an untrusted value as a LogEntry; throws EntryError saying what is wrong. */
export function readLogEntry(value: unknown): LogEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EntryError(`expected a JSON object, ${describe(value)}`);
  }
  const entry = parseOr(LogEntrySchema, value, (issue) => new EntryError(describeIssue(issue, 'entry')));
  if (!IDENTIFYING.some((key) => entry[key] !== undefined)) {
    throw new EntryError(`the object has none of ${IDENTIFYING.join(', ')}`);
  }
  return entry;
}
