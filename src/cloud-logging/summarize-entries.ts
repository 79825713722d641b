import { CLASS_ADVICE } from '../classifier/class-advice';
import { ClassifiedEntry, classifyEntry } from '../classifier/classify-entry';
import { ERROR_CLASSES, ErrorClass } from '../classifier/error-class';

/** One gcfsd error class as seen in the logs of a time range. */
export interface ErrorClassSummary {
  class: Exclude<ErrorClass, 'none'>;
  /** entries of this class */
  count: number;
  /** RFC 3339 timestamps of the oldest and newest entry ('' when no entry had one) */
  firstSeen: string;
  lastSeen: string;
  /** node names, sorted, at most MAX_NODES of them */
  nodes: string[];
  /** how many distinct nodes there were in all */
  nodesTotal: number;
  /** the payload text of the newest entry, at most MAX_SAMPLE_CHARS */
  sample: string;
  /** docs/image-streaming.md's fix and meaning for the class */
  fix: string;
  meaning: string;
  /** images the entries named, at most MAX_IMAGES */
  images: string[];
}

/** Nodes listed per class: enough to see whether a problem is one node or the pool. */
export const MAX_NODES = 10;
export const MAX_IMAGES = 5;
/** Log lines can be 256 KB; a summary keeps the start, which names the error. */
export const MAX_SAMPLE_CHARS = 1000;

interface Group {
  count: number;
  first: { ms: number; raw: string } | null;
  last: { ms: number; raw: string } | null;
  nodes: Set<string>;
  images: Set<string>;
  sample: string;
  sampleMs: number;
}

/** Accumulates LogEntries into per-class summaries; untrusted entries are validated by the classifier. */
export class EntrySummarizer {
  private readonly groups = new Map<Exclude<ErrorClass, 'none'>, Group>();
  /** Entries read, of any class, malformed ones included. */
  entriesRead = 0;
  /** Entries of class none, or not LogEntries at all. */
  unclassified = 0;

  /** Adds one entry as Cloud Logging returned it. */
  add(value: unknown): void {
    this.entriesRead += 1;
    let entry: ClassifiedEntry;
    try {
      entry = classifyEntry(value);
    } catch {
      // A malformed item of a page is counted, not fatal: the rest of the page still tells.
      this.unclassified += 1;
      return;
    }
    if (entry.class === 'none') {
      this.unclassified += 1;
      return;
    }
    const group = this.groups.get(entry.class) ?? newGroup();
    this.groups.set(entry.class, group);
    group.count += 1;
    if (entry.node) group.nodes.add(entry.node);
    if (entry.image && group.images.size < MAX_IMAGES) group.images.add(entry.image);

    // Date.parse, not string order: "…:00Z" sorts after "…:00.5Z" as text.
    const ms = entry.timestamp ? Date.parse(entry.timestamp) : NaN;
    if (!Number.isNaN(ms)) {
      const stamp = { ms, raw: entry.timestamp! };
      if (!group.first || ms < group.first.ms) group.first = stamp;
      if (!group.last || ms > group.last.ms) group.last = stamp;
    }
    const text = (entry.message ?? '').trim();
    // The newest entry is the sample (what is happening now); an empty text never wins.
    if (text && (group.sample === '' || (!Number.isNaN(ms) && ms > group.sampleMs))) {
      group.sample = text.slice(0, MAX_SAMPLE_CHARS);
      group.sampleMs = Number.isNaN(ms) ? -Infinity : ms;
    }
  }

  /** The summaries, most frequent class first (ties in the classifier's order). */
  summaries(): ErrorClassSummary[] {
    const out: ErrorClassSummary[] = [];
    for (const [errorClass, g] of this.groups) {
      const nodes = [...g.nodes].sort();
      out.push({
        class: errorClass,
        count: g.count,
        firstSeen: g.first?.raw ?? '',
        lastSeen: g.last?.raw ?? '',
        nodes: nodes.slice(0, MAX_NODES),
        nodesTotal: nodes.length,
        sample: g.sample,
        fix: CLASS_ADVICE[errorClass].fix,
        meaning: CLASS_ADVICE[errorClass].meaning,
        images: [...g.images],
      });
    }
    return out.sort((a, b) => b.count - a.count || ERROR_CLASSES.indexOf(a.class) - ERROR_CLASSES.indexOf(b.class));
  }
}

function newGroup(): Group {
  return { count: 0, first: null, last: null, nodes: new Set(), images: new Set(), sample: '', sampleMs: -Infinity };
}
