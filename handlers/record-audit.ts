import type { AuditEvent } from '../src/audit/audit-event';
import { errorMessage } from '../src/errors';
import { beforeAck } from './ack-deadline';
import type { WebDeps } from './web-deps';

/**
 * Writes an audit event from a listener. The log line is written first by AuditLog itself, so a
 * Redis failure loses only the `/imagestream audit` copy; it must never cost the user their reply
 * or an approved change its job, nor hold an ack (the Redis write has the ack path's deadline).
 */
export async function recordAudit(deps: WebDeps, event: Omit<AuditEvent, 'at'>): Promise<void> {
  try {
    await beforeAck(deps, deps.audit.record(event));
  } catch (err) {
    deps.logger.warn({ err: errorMessage(err), kind: event.kind }, 'could not store an audit event');
  }
}
