import { hash as digest } from 'node:crypto';
import { ClassifiedEntry } from '../classifier/classify-entry';
import { GKE_NAME_RE } from '../google/cluster-target';
import { AlertSample, ProblemKey } from './problem';

/** What the alert store needs of one classified entry, every value checked and bounded. */
export interface EntryProblem {
  key: ProblemKey;
  /** sha-256 of the key, url-safe: names the problem's Redis keys whatever the names hold */
  keyHash: string;
  /** identifies the entry across redeliveries and overlapping sinks */
  dedupId: string;
  location: string | null;
  node: string | null;
  /** the entry timestamp (arrival time when absent or unreadable), ISO and epoch ms */
  seen: string;
  seenMs: number;
  sample: AlertSample;
}

/** Project ids, domain-scoped ones included (`example.com:proj`), and project numbers. */
const PROJECT = /^[a-z0-9][a-z0-9.:-]{0,99}$/;
/** Node names and zones/regions: these end up in chat messages, so nothing outside this shape. */
const NODE = /^[a-z0-9][a-z0-9.-]{0,252}$/;
const LOCATION = /^[a-z0-9-]{1,63}$/;
const SAMPLE_CHARS = 500;

// crypto.hash: one call, no Hash object and stream machinery per digest (about 3x faster than createHash here).
const hash = (text: string) => digest('sha256', text, 'base64url').slice(0, 32);
const cut = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);
const matching = (value: string | null, shape: RegExp) => (value !== null && shape.test(value) ? value : null);

/** The problem an entry names (project, cluster, class, each checked), or why it raises no alert. */
export function problemKeyOf(entry: ClassifiedEntry): ProblemKey | { ignored: string } {
  if (entry.class === 'none') return { ignored: 'not a gcfsd error' };
  if (!entry.project) return { ignored: 'the entry names no project' };
  if (!entry.cluster) return { ignored: 'the entry names no cluster' };
  if (!PROJECT.test(entry.project)) return { ignored: 'malformed project id' };
  if (!GKE_NAME_RE.test(entry.cluster)) return { ignored: 'malformed cluster name' };
  return { project: entry.project, cluster: entry.cluster, class: entry.class };
}

/**
 * Identifies the entry across redeliveries and overlapping sinks. Cloud Logging treats entries
 * with the same project, timestamp and insertId as one entry; an entry without an insertId (never
 * from a sink) is identified by its content instead.
 */
export function entryDedupId(entry: ClassifiedEntry, key: ProblemKey): string {
  const identity = entry.insertId
    ? ['id', key.project, entry.timestamp ?? '', entry.insertId]
    : ['content', key.project, entry.timestamp ?? '', entry.logName ?? '', entry.node ?? '', entry.message ?? ''];
  return hash(identity.join('\n'));
}

/** The problem an entry belongs to, or why it raises no alert. */
export function entryProblem(entry: ClassifiedEntry, now: number): EntryProblem | { ignored: string } {
  const key = problemKeyOf(entry);
  if ('ignored' in key) return key;
  const parsed = entry.timestamp === null ? NaN : Date.parse(entry.timestamp);
  const seenMs = Number.isFinite(parsed) ? parsed : now;
  const node = matching(entry.node, NODE);
  const sample: AlertSample = {
    message: cut(entry.message ?? '', SAMPLE_CHARS),
    insertId: cut(entry.insertId ?? '', 256),
    node,
  };
  if (entry.image) sample.image = cut(entry.image, 1000);
  if (entry.quota) sample.quota = { metric: cut(entry.quota.metric, 300), limit: cut(entry.quota.limit, 300) };
  return {
    key,
    keyHash: hash(`${key.project}\n${key.cluster}\n${key.class}`),
    dedupId: entryDedupId(entry, key),
    location: matching(entry.location, LOCATION),
    node,
    seen: new Date(seenMs).toISOString(),
    seenMs,
    sample,
  };
}
