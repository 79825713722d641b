import { z } from 'zod';
import { describeIssue } from '../validation/parse-or';
import { type PulledMessage, parsePulledMessage, parsePullingMessage, parseStreamingMessage } from './pull-message';

const stringMap = z.record(z.string(), z.string());

/**
 * A Cloud Logging LogEntry carrying a Kubernetes Event as GKE exports it (docs/image-streaming.md, "Kubernetes
 * events"): logName `projects/P/logs/events`, resource `k8s_pod` / `k8s_node` with the cluster's
 * labels, the Event object in `jsonPayload`. Only the fields the join reads are validated.
 */
const EventEntrySchema = z.object({
  logName: z.string().optional(),
  insertId: z.string().optional(),
  timestamp: z.string().optional(),
  resource: z.object({ type: z.string(), labels: stringMap.optional() }),
  jsonPayload: z.object({
    reason: z.string(),
    message: z.string(),
    type: z.string().optional(),
    involvedObject: z
      .object({
        kind: z.string().optional(),
        name: z.string().optional(),
        namespace: z.string().optional(),
        // One Event per container: the field path tells two containers of one pod apart.
        fieldPath: z.string().optional(),
      })
      .optional(),
    source: z.object({ component: z.string().optional(), host: z.string().optional() }).optional(),
    firstTimestamp: z.string().nullish(),
    lastTimestamp: z.string().nullish(),
    count: z.number().int().nonnegative().optional(),
  }),
});

/** Where an event happened: the resource labels GKE puts on every exported event. */
export interface EventPlace {
  project: string | null;
  location: string | null;
  cluster: string | null;
  namespace: string | null;
  pod: string | null;
  node: string | null;
}

interface EventCommon extends EventPlace {
  /** When it (last) happened, ms since the epoch: the Event's lastTimestamp, else the entry's. */
  at: number;
  /**
   * The Event's own identity and its `count`: an Event that repeats is one object whose count goes
   * up, exported once per update, and overlapping sinks copy entries under new insertIds. The join
   * counts occurrences from these, not from entries.
   */
  identity: string;
  count: number;
}

/** One event of a pull, read and typed. */
export type PullEvent = EventCommon &
  (
    | { kind: 'pulling'; image: string }
    | Exclude<PulledMessage, { kind: 'unparsed' }>
    | { kind: 'unparsed'; image: string | null; message: string }
    | { kind: 'streaming'; image: string }
  );

/** An entry that is not a pull event (another reason, another log): not counted. */
export interface NotAPullEvent {
  kind: 'other';
}

/** An entry that could not be read: why, in one line. */
export interface UnreadableEntry {
  kind: 'unreadable';
  reason: string;
}

export type PullEventResult = PullEvent | NotAPullEvent | UnreadableEntry;

const REASONS = new Set(['Pulling', 'Pulled', 'ImageStreaming']);

/**
 * Reads one LogEntry (any JSON value) as a pull event. Entries of the events log with another
 * reason (Scheduled, Created...) are `other`; an entry that is not an exported Event at all, or
 * has no usable time, is `unreadable` with the reason; a pull message that does not parse is an
 * `unparsed` event, counted as such.
 */
export function pullEventOf(entry: unknown): PullEventResult {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return { kind: 'unreadable', reason: 'not a LogEntry: expected a JSON object' };
  }
  const logName = (entry as { logName?: unknown }).logName;
  if (typeof logName === 'string' && !/\/logs\/events$/.test(logName)) return { kind: 'other' };
  const parsed = EventEntrySchema.safeParse(entry);
  if (!parsed.success) {
    return {
      kind: 'unreadable',
      reason: `not a Kubernetes event entry: ${describeIssue(parsed.error.issues[0]!, 'entry')}`,
    };
  }
  const { resource, jsonPayload: event, timestamp } = parsed.data;
  if (!REASONS.has(event.reason)) return { kind: 'other' };
  const at = Date.parse(event.lastTimestamp ?? timestamp ?? '');
  if (Number.isNaN(at)) return { kind: 'unreadable', reason: `${event.reason} event without a readable time` };

  const place = placeOf(resource.type, resource.labels ?? {}, event);
  const common: EventCommon = {
    ...place,
    at,
    count: event.count ?? 1,
    identity: [
      event.reason,
      event.involvedObject?.kind,
      event.involvedObject?.namespace,
      event.involvedObject?.name,
      event.involvedObject?.fieldPath,
      place.node,
      event.message,
    ].join('\u0000'),
  };

  if (event.reason === 'ImageStreaming') {
    const image = parseStreamingMessage(event.message);
    if (image === null || place.node === null) return { ...common, kind: 'unparsed', image, message: event.message };
    return { ...common, kind: 'streaming', image };
  }
  if (event.reason === 'Pulling') {
    const image = parsePullingMessage(event.message);
    return image === null
      ? { ...common, kind: 'unparsed', image: null, message: event.message }
      : { ...common, kind: 'pulling', image };
  }
  const pulled = parsePulledMessage(event.message);
  if (pulled.kind === 'unparsed') return { ...common, kind: 'unparsed', image: pulled.image, message: event.message };
  return { ...common, ...pulled };
}

/**
 * A pod event's node is the kubelet that wrote it (`source.host`): `k8s_pod` resources carry no
 * node label. A node event names its node in the resource labels (and as its involved object).
 */
function placeOf(
  type: string,
  labels: Record<string, string>,
  event: { involvedObject?: { kind?: string; name?: string; namespace?: string }; source?: { host?: string } },
): EventPlace {
  const isNode = type === 'k8s_node';
  const objectName = event.involvedObject?.name ?? null;
  return {
    project: labels.project_id ?? null,
    location: labels.location ?? null,
    cluster: labels.cluster_name ?? null,
    namespace: isNode ? null : (labels.namespace_name ?? event.involvedObject?.namespace ?? null),
    pod: isNode ? null : (labels.pod_name ?? objectName),
    node: isNode
      ? (labels.node_name ?? (event.involvedObject?.kind === 'Node' ? objectName : null))
      : (event.source?.host ?? null),
  };
}
