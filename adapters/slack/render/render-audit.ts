import { toSlackMessage } from '../block-kit/to-slack-message';
import { type AuditEvent, auditMessage } from '../../../src/render/audit-message';
import type { SlackMessage } from '../block-kit/slack-message';

// The audit log is built platform-neutral in src/render/audit-message.ts; these names stay for
// the Slack callers until they post documents through the messenger.
export type { AuditEvent } from '../../../src/render/audit-message';

/** `/imagestream audit [N]` as Block Kit (see auditMessage). */
export function renderAudit(events: AuditEvent[]): SlackMessage {
  return toSlackMessage(auditMessage(events));
}
