import { z } from 'zod';
import { PrincipalId, storedPrincipalIdSchema } from '../chat/principal-id';

/** What happened, in the audit trail's words. */
export type AuditKind =
  'requested' | 'approved' | 'denied' | 'expired' | 'refused' | 'started' | 'done' | 'failed' | 'command';

/** One audit entry: who did what to which target, and when (epoch ms). */
export interface AuditEvent {
  at: number;
  kind: AuditKind;
  requestId?: string;
  /** Who did it (events written before the chat seam hold bare Slack user ids: they read as `slack:U…`). */
  user?: PrincipalId;
  action?: string;
  target?: string;
  detail?: string;
}

/** Longest text kept per field: an API error can be long, an audit line need not be. */
export const AUDIT_FIELD_MAX = { requestId: 64, action: 64, target: 300, detail: 2000 } as const;

/** Validates an event (what record() writes and everything recent() reads back). */
export const auditEventSchema = z.object({
  at: z.number().int().nonnegative(),
  kind: z.enum(['requested', 'approved', 'denied', 'expired', 'refused', 'started', 'done', 'failed', 'command']),
  requestId: z.string().max(AUDIT_FIELD_MAX.requestId).optional(),
  user: storedPrincipalIdSchema.optional(),
  action: z.string().max(AUDIT_FIELD_MAX.action).optional(),
  target: z.string().max(AUDIT_FIELD_MAX.target).optional(),
  detail: z.string().max(AUDIT_FIELD_MAX.detail).optional(),
}) as unknown as z.ZodType<AuditEvent>;
