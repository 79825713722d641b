import type { Logging } from '@google-cloud/logging';
import { CALL_OPTIONS } from '../cloud-logging/cloud-logging-client';
import { withParsedErrorBody } from '../cloud-logging/library-error';
import { errorMessage } from '../errors';
import type { Logger } from '../logging/logger';
import type { AuditEvent } from './audit-event';

/** The Cloud Logging log of the audit trail, unless IMAGESTREAM_AUDIT_LOG names another. */
export const DEFAULT_AUDIT_LOG = 'imagestream-audit';

/** Where AuditLog hands each recorded event besides Redis; never throws, never waits. */
export interface AuditSink {
  write(event: AuditEvent): void;
}

/** Options of CloudAuditWriter. */
export interface CloudAuditWriterOptions {
  /** The project the log lives in (the bot's GOOGLE_CLOUD_PROJECT). */
  project: string;
  /** The log id; default `imagestream-audit`. */
  logName?: string;
  /** Entries held while Cloud Logging is slow or down; beyond, the oldest are dropped (counted). Default 1000. */
  maxPending?: number;
  /** Entries per entries:write call; default 100. */
  maxBatch?: number;
  /** Shortest time between two warnings about failed writes; default 60 s. */
  warnEveryMs?: number;
  /** The clock, epoch ms. */
  now?: () => number;
}

/** What the writer did so far. */
export interface CloudAuditStats {
  written: number;
  failed: number;
  dropped: number;
}

// The audit trail is about the bot's own decisions, not about a resource it runs on: `global`
// keeps every replica's entries in one place whether the bot runs on GKE, Cloud Run or a laptop,
// and spares the library its environment detection (which would probe the metadata server).
const RESOURCE = { type: 'global', labels: {} };

/**
 * Writes audit events as structured entries (jsonPayload: user, action, target, kind, requestId,
 * detail, message) to a Cloud Logging log of their own, so an auditor can query them in Logs
 * Explorer (`logName="projects/P/logs/imagestream-audit"`). write() only queues: one
 * entries:write is in flight at a time and carries every event queued meanwhile (the library
 * does not batch writes itself). A failed write is logged (at most one warning per warnEveryMs)
 * and counted, never thrown: the command that recorded the event is neither slowed nor failed,
 * and the Redis list and the log line of AuditLog keep the event either way.
 */
export class CloudAuditWriter implements AuditSink {
  private readonly log;
  private readonly maxPending: number;
  private readonly maxBatch: number;
  private readonly warnEveryMs: number;
  private readonly now: () => number;
  private readonly pending: AuditEvent[] = [];
  private readonly counts: CloudAuditStats = { written: 0, failed: 0, dropped: 0 };
  private inFlight: Promise<void> | null = null;
  private lastWarnAt = -Infinity;
  private unreported = 0;

  constructor(
    logging: Logging,
    private readonly logger: Logger,
    options: CloudAuditWriterOptions,
  ) {
    // The library writes to projects/<its projectId>/logs/<name>: the client must be the project's.
    if (logging.projectId !== options.project) {
      throw new Error(`the audit writer's Logging client is for ${logging.projectId}, not ${options.project}`);
    }
    this.log = logging.log(options.logName ?? DEFAULT_AUDIT_LOG);
    this.maxPending = options.maxPending ?? 1000;
    this.maxBatch = options.maxBatch ?? 100;
    this.warnEveryMs = options.warnEveryMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Queues the event and starts a write unless one is in flight. */
  write(event: AuditEvent): void {
    this.pending.push(event);
    if (this.pending.length > this.maxPending) {
      this.pending.shift();
      this.counts.dropped += 1;
    }
    if (!this.inFlight) this.inFlight = this.drain();
  }

  /**
   * Resolves when everything queued so far was written or given up, or after `withinMs` (on
   * shutdown: a Cloud Logging that does not answer must not hold the process past its deadline).
   */
  async flush(withinMs = Infinity): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      if (Number.isFinite(withinMs)) timer = setTimeout(resolve, withinMs);
    });
    const drained = (async () => {
      while (this.inFlight) await this.inFlight;
    })();
    await Promise.race([drained, deadline]);
    clearTimeout(timer);
  }

  stats(): CloudAuditStats {
    return { ...this.counts };
  }

  private async drain(): Promise<void> {
    // Let the events recorded in the same tick join the first batch.
    await Promise.resolve();
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, this.maxBatch);
        try {
          await this.log.write(
            batch.map((event) => this.log.entry(entryMetadata(event), payloadOf(event))),
            { resource: RESOURCE, gaxOptions: CALL_OPTIONS },
          );
          this.counts.written += batch.length;
        } catch (err) {
          this.counts.failed += batch.length;
          this.warn(err, batch.length);
        }
      }
    } finally {
      this.inFlight = null;
    }
  }

  private warn(err: unknown, lost: number): void {
    this.unreported += lost;
    const at = this.now();
    if (at - this.lastWarnAt < this.warnEveryMs) return;
    this.lastWarnAt = at;
    this.logger.warn(
      { err: errorMessage(withParsedErrorBody(err)), lost: this.unreported, ...this.counts },
      'could not write audit events to Cloud Logging (they are still in the log lines and in Redis)',
    );
    this.unreported = 0;
  }
}

/** The entry's own fields: when it happened, and how loud it is. */
function entryMetadata(event: AuditEvent) {
  return {
    timestamp: new Date(event.at),
    // A command is routine; a change's lifecycle (requested, approved, applied...) is what an
    // auditor looks for.
    severity: event.kind === 'command' ? 'INFO' : 'NOTICE',
  };
}

/** The jsonPayload: the event's fields, and `message`, the summary line Logs Explorer shows. */
export function payloadOf(event: AuditEvent): Record<string, string> {
  const payload: Record<string, string> = { message: describeAuditEvent(event), kind: event.kind };
  for (const field of ['user', 'action', 'target', 'requestId', 'detail'] as const) {
    const value = event[field];
    if (value !== undefined) payload[field] = value;
  }
  return payload;
}

/** "audit approved enable by slack:U123 on prod-1": the log line's and the entry's summary. */
export function describeAuditEvent(e: AuditEvent): string {
  return ['audit', e.kind, e.action, e.user ? `by ${e.user}` : undefined, e.target ? `on ${e.target}` : undefined]
    .filter(Boolean)
    .join(' ');
}
