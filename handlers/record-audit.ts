import type { AuditEvent } from '../src/audit/audit-event';
import { PrincipalId, principalIdSchema } from '../src/chat/principal-id';
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

/**
 * The audit trail's `user` for a Slack user id from a request body: its principal id, or none
 * when the body's id is not one (an audit line must never cost the user their answer).
 */
export function slackAuditUser(userId: string | undefined): PrincipalId | undefined {
  const parsed = principalIdSchema.safeParse(`slack:${userId ?? ''}`);
  return parsed.success ? parsed.data : undefined;
}
