/**
 * The library hands entries back as protobuf objects (timestamps as {seconds, nanos}, jsonPayload
 * as a google.protobuf.Struct, every unset field at its default). The bot's readers (the
 * classifier, `pulls`) take LogEntries in the v2 REST JSON shape, the one a Pub/Sub sink, `gcloud
 * logging read --format=json` and the API itself use: this turns one back into the other.
 */

/** A LogEntry in Cloud Logging's v2 JSON shape; callers validate what they read (zod). */
export type LogEntryJson = Record<string, unknown>;

// Copied as they are when set: strings and maps of strings.
const PLAIN_FIELDS = ['logName', 'insertId', 'textPayload', 'trace', 'spanId'] as const;
// LogSeverity by number, for a response read with `enum-encoding=int`.
const SEVERITY_NAMES: Readonly<Record<number, string>> = {
  0: 'DEFAULT',
  100: 'DEBUG',
  200: 'INFO',
  300: 'NOTICE',
  400: 'WARNING',
  500: 'ERROR',
  600: 'CRITICAL',
  700: 'ALERT',
  800: 'EMERGENCY',
};

/** One library entry (the API response's item) as REST JSON; unset fields are left out. */
export function toLogEntryJson(raw: unknown): LogEntryJson {
  const entry = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const out: LogEntryJson = {};
  for (const field of PLAIN_FIELDS) {
    if (typeof entry[field] === 'string' && entry[field] !== '') out[field] = entry[field];
  }
  const resource = entry.resource as { type?: unknown; labels?: unknown } | null | undefined;
  if (resource && typeof resource === 'object') {
    out.resource = { type: resource.type, ...(nonEmptyMap(resource.labels) ? { labels: resource.labels } : {}) };
  }
  if (nonEmptyMap(entry.labels)) out.labels = entry.labels;
  for (const field of ['timestamp', 'receiveTimestamp'] as const) {
    const text = rfc3339(entry[field]);
    if (text !== undefined) out[field] = text;
  }
  const severity = severityName(entry.severity);
  if (severity !== undefined) out.severity = severity;
  if (entry.jsonPayload && typeof entry.jsonPayload === 'object') out.jsonPayload = structToObject(entry.jsonPayload);
  if (entry.protoPayload && typeof entry.protoPayload === 'object') out.protoPayload = entry.protoPayload;
  for (const field of ['operation', 'sourceLocation', 'httpRequest'] as const) {
    if (entry[field] && typeof entry[field] === 'object') out[field] = entry[field];
  }
  return out;
}

function nonEmptyMap(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
}

function severityName(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return SEVERITY_NAMES[value] ?? String(value);
  return undefined;
}

/**
 * A protobuf Timestamp as RFC 3339 with 3, 6 or 9 fractional digits, as few as keep it exact:
 * the API's own "2024-03-05T12:30:09.118520Z" comes back as sent, and a whole second reads
 * ".000Z" like JavaScript's toISOString.
 */
export function rfc3339(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return undefined;
  const { seconds, nanos } = value as { seconds?: unknown; nanos?: unknown };
  if (seconds === undefined || seconds === null) return undefined;
  const whole = Number(String(seconds));
  const nano = Number(nanos ?? 0);
  if (!Number.isFinite(whole) || !Number.isInteger(nano) || nano < 0 || nano > 999_999_999) return undefined;
  const base = new Date(whole * 1000).toISOString().slice(0, 19);
  const digits = String(nano).padStart(9, '0');
  const fraction = digits.endsWith('000000')
    ? digits.slice(0, 3)
    : digits.endsWith('000')
      ? digits.slice(0, 6)
      : digits;
  return `${base}.${fraction}Z`;
}

/** A google.protobuf.Struct (fields of Values) as the plain JSON object it encodes. */
export function structToObject(struct: unknown): Record<string, unknown> {
  const fields = (struct as { fields?: unknown } | null)?.fields;
  const out: Record<string, unknown> = {};
  if (typeof fields !== 'object' || fields === null) return out;
  for (const [key, value] of Object.entries(fields)) out[key] = valueToJson(value);
  return out;
}

function valueToJson(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if ('stringValue' in v && v.stringValue !== undefined && v.stringValue !== null) return v.stringValue;
  if ('numberValue' in v && v.numberValue !== undefined && v.numberValue !== null) return v.numberValue;
  if ('boolValue' in v && v.boolValue !== undefined && v.boolValue !== null) return v.boolValue;
  if ('structValue' in v && v.structValue) return structToObject(v.structValue);
  if ('listValue' in v && v.listValue) {
    const values = (v.listValue as { values?: unknown }).values;
    return Array.isArray(values) ? values.map(valueToJson) : [];
  }
  return null;
}
