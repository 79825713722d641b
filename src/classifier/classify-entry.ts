import { adviceFor } from './class-advice';
import { ErrorClass } from './error-class';
import { findImage } from './find-image';
import { LogEntry, readLogEntry } from './log-entry';
import { LOGFMT_MAX_KEYS, readLogfmt } from './logfmt';
import { matchErrorClass } from './match-error-class';
import { parseQuotaDetails } from './quota-details';

/** One LogEntry, classified, with where it came from and what to do. */
export interface ClassifiedEntry {
  class: ErrorClass;
  project: string | null;
  cluster: string | null;
  location: string | null;
  node: string | null;
  insertId: string | null;
  timestamp: string | null;
  logName: string | null;
  severity: string | null;
  /** the payload text that was classified (from jsonPayload.MESSAGE, jsonPayload.message or textPayload) */
  message: string | null;
  /** logfmt fields parsed from the message: level, msg, error, layer_id, path, module, offset, size ... */
  fields: Record<string, string>;
  /** for quota_exceeded: the quota metric and limit names and the consumer, from the error text */
  quota?: { metric: string; limit: string; service?: string; consumer?: string };
  /** image named in the entry, when there is one (useful for invalid_argument) */
  image?: string;
  /** one-line meaning and the fix, from docs/image-streaming.md's table (null for none) */
  meaning: string | null;
  fix: string | null;
}

/**
 * Texts longer than this are cut before classification. Cloud Logging refuses entries over
 * 256 KB, so only junk is ever cut; the cap keeps the output of a storm bounded.
 */
export const MAX_TEXT_CHARS = 256 * 1024;

/** Resource types of application logs (see MatchContext.applicationLog). */
const APPLICATION_RESOURCE_TYPES: ReadonlySet<string> = new Set(['k8s_container', 'k8s_pod']);
/** Entry label naming the node of a k8s_container entry, which has no node_name resource label. */
const NODE_ENTRY_LABEL = 'compute.googleapis.com/resource_name';
const LOG_NAME_PROJECT = /^projects\/([^/]+)\/logs\//;

const cut = (text: string) => (text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text);

/** An own, non-empty string value of a label map, else null. */
function label(labels: Record<string, string> | undefined, key: string): string | null {
  if (!labels || !Object.hasOwn(labels, key)) return null;
  return labels[key] || null;
}

/** The payload text and the jsonPayload key it came from (journald's MESSAGE first). */
function payloadText(entry: LogEntry): { text: string | null; key?: string } {
  const payload = entry.jsonPayload;
  if (payload) {
    if (typeof payload.MESSAGE === 'string') return { text: cut(payload.MESSAGE), key: 'MESSAGE' };
    if (typeof payload.message === 'string') return { text: cut(payload.message), key: 'message' };
  }
  return { text: entry.textPayload === undefined ? null : cut(entry.textPayload) };
}

/**
 * journald's own fields (MESSAGE, PRIORITY, _HOSTNAME, _CMDLINE...) describe the process, not the
 * event: a leading `_`, or nothing but A-Z, 0-9 and `_`. A loop rather than a regular expression:
 * it looks at each of the ~20 keys of every journald entry of a storm.
 */
function isJournaldKey(key: string): boolean {
  if (key.length === 0) return false;
  if (key.charCodeAt(0) === 0x5f) return true;
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    if (!((code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f)) return false;
  }
  return true;
}

/**
 * Adds the scalar jsonPayload fields (structured loggers put level/msg/error there; journald's are
 * left out) to `fields`, where they win over the message's; returns their values, for the haystack.
 */
function addStructuredFields(
  payload: Record<string, unknown>,
  messageKey: string | undefined,
  fields: Map<string, string>,
): string[] {
  const values: string[] = [];
  for (const key in payload) {
    if (!Object.hasOwn(payload, key) || key === messageKey || isJournaldKey(key)) continue;
    const value = payload[key];
    let text: string;
    if (typeof value === 'string') text = cut(value);
    else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
    else continue;
    fields.set(key, text);
    values.push(text);
    if (values.length >= LOGFMT_MAX_KEYS) break;
  }
  return values;
}

/** Classifies one LogEntry; throws EntryError when the value is not a LogEntry. */
export function classifyEntry(value: unknown): ClassifiedEntry {
  const entry = readLogEntry(value);
  const { text: message, key: messageKey } = payloadText(entry);

  // Fields from the message first, then the structured ones, which win on a clash: a field the
  // logger emitted on its own is more reliable than one read back out of text. Of the message,
  // only key=value pairs count: the bare words of prose ("mv: cannot move ...") are not fields.
  const merged = message?.includes('=') ? readLogfmt(message) : new Map<string, string>();
  for (const [key, fieldValue] of merged) if (fieldValue === '') merged.delete(key);
  const structured = entry.jsonPayload ? addStructuredFields(entry.jsonPayload, messageKey, merged) : [];
  const fields = Object.fromEntries(merged);

  // The message already holds its own logfmt fields; only the structured values are added to it.
  const haystack = structured.length === 0 ? (message ?? '') : [message ?? '', ...structured].join('\n');
  const resourceLabels = entry.resource?.labels;
  const errorClass = matchErrorClass(haystack, {
    applicationLog: APPLICATION_RESOURCE_TYPES.has(entry.resource?.type ?? ''),
  });

  const hostname = entry.jsonPayload?._HOSTNAME;
  const quota = errorClass === 'quota_exceeded' ? parseQuotaDetails(haystack) : undefined;
  const image = findImage(fields, haystack);
  const advice = adviceFor(errorClass);
  return {
    class: errorClass,
    project: label(resourceLabels, 'project_id') ?? LOG_NAME_PROJECT.exec(entry.logName ?? '')?.[1] ?? null,
    cluster: label(resourceLabels, 'cluster_name'),
    location: label(resourceLabels, 'location'),
    // k8s_node entries name the node; k8s_container entries carry it as an entry label; journald's
    // _HOSTNAME is the node name on GKE and is the last resort.
    node:
      label(resourceLabels, 'node_name') ??
      label(entry.labels, NODE_ENTRY_LABEL) ??
      (typeof hostname === 'string' && hostname ? hostname : null),
    insertId: entry.insertId ?? null,
    timestamp: entry.timestamp ?? null,
    logName: entry.logName ?? null,
    severity: entry.severity ?? null,
    message,
    fields,
    ...(quota && { quota }),
    ...(image && { image }),
    meaning: advice.meaning,
    fix: advice.fix,
  };
}
