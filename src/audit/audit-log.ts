import type { Redis } from 'ioredis';
import { UsageError, errorMessage } from '../errors';
import { withRedis } from '../approvals/with-redis';
import type { Logger } from '../logging/logger';
import { redactText } from '../logging/redact-secrets';
import { AUDIT_FIELD_MAX, AuditEvent, auditEventSchema } from './audit-event';
import { parseOr } from '../validation/parse-or';
import { type AuditSink, describeAuditEvent } from './cloud-audit-writer';

/** Options of AuditLog. */
export interface AuditLogOptions {
  /** The Redis list holding recent events; default `imagestream:audit`. */
  key?: string;
  /** How many events the list keeps; default 1000. */
  maxEvents?: number;
  /** The clock, epoch ms. */
  now?: () => number;
  /**
   * Also hands every event to this sink (src/audit/cloud-audit-writer.ts: the Cloud Logging log
   * `imagestream-audit`); it queues and returns, so record() never waits on it nor fails by it.
   */
  sink?: AuditSink;
}

const TEXT_FIELDS = ['requestId', 'action', 'target', 'detail'] as const;

/**
 * The audit trail. Every event becomes one structured log line (`audit: true`, so a Cloud Logging
 * filter or sink finds them all), an entry of its own Cloud Logging log when a sink is given
 * (written in the background), and the head of a capped Redis list that `/imagestream audit`
 * reads. The log line is written first: if Redis fails, the event is still on record there.
 */
export class AuditLog {
  private readonly key: string;
  private readonly maxEvents: number;
  private readonly now: () => number;
  private readonly sink: AuditSink | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly logger: Logger,
    options: AuditLogOptions = {},
  ) {
    this.key = options.key ?? 'imagestream:audit';
    this.maxEvents = options.maxEvents ?? 1000;
    if (!Number.isInteger(this.maxEvents) || this.maxEvents < 1)
      throw new UsageError('audit maxEvents must be a positive integer');
    this.now = options.now ?? Date.now;
    this.sink = options.sink;
  }

  /** Records an event (at = now unless given); RemoteError if Redis fails after the log line was written. */
  async record(input: Omit<AuditEvent, 'at'> & { at?: number }): Promise<void> {
    const candidate: Record<string, unknown> = { at: input.at ?? this.now(), kind: input.kind };
    // A principal id is checked whole by the schema: cut or redacted, it would name someone else.
    if (input.user !== undefined) candidate.user = input.user;
    // Free text may quote user input or an API error: no secret and no unbounded string is stored.
    for (const field of TEXT_FIELDS) {
      const value = input[field];
      if (value !== undefined) candidate[field] = clip(redactText(String(value)), AUDIT_FIELD_MAX[field]);
    }
    const event = parseOr(
      auditEventSchema,
      candidate,
      (issue) => new UsageError(`invalid audit event: ${issue.message}`),
    );
    this.logger.info({ audit: true, ...event, at: new Date(event.at).toISOString() }, describeAuditEvent(event));
    try {
      this.sink?.write(event);
    } catch (err) {
      // A sink must not throw; if one does, the event is still logged above and stored below.
      this.logger.warn({ err: errorMessage(err) }, 'audit sink failed');
    }
    await withRedis('write audit event', async () => {
      const results = await this.redis
        .multi()
        .lpush(this.key, JSON.stringify(event))
        .ltrim(this.key, 0, this.maxEvents - 1)
        .exec();
      const failed = results?.find(([err]) => err !== null);
      if (failed) throw failed[0];
    });
  }

  /** The last n events, newest first; n is clamped to 1..100. Entries that are not valid events are skipped. */
  async recent(n: number): Promise<AuditEvent[]> {
    const count = Math.min(100, Math.max(1, Math.trunc(Number.isFinite(n) ? n : 10)));
    const raw = await withRedis('read audit events', () => this.redis.lrange(this.key, 0, count - 1));
    const events: AuditEvent[] = [];
    for (const item of raw) {
      const parsed = auditEventSchema.safeParse(parseJson(item));
      if (parsed.success) events.push(parsed.data);
    }
    return events;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
