import type { MessageDocument } from '../chat/message-document';
import { storedPrincipalIdSchema } from '../chat/principal-id';
import { type RichText, type Span, bold, code, date, italic, joinRich, mention, rich, text } from '../chat/rich-text';

/** One audit log entry: a request, approval, denial, expiry or result. */
export interface AuditEvent {
  /** Epoch ms. */
  at: number;
  kind: string;
  requestId?: string;
  /** Who did it: a principal id, or a bare Slack user id in events written before the chat seam. */
  user?: string;
  action?: string;
  target?: string;
  detail?: string;
}

/** `/imagestream audit [N]`: one line per event, in the order given. */
export function auditMessage(events: AuditEvent[]): MessageDocument {
  const count = `${events.length} event${events.length === 1 ? '' : 's'}`;
  return {
    summary: rich`imagestream audit log: ${count}`,
    blocks: [
      { type: 'header', text: 'Image streaming audit log' },
      ...(events.length === 0
        ? [{ type: 'text' as const, text: [italic('No events yet: nothing was requested.')] }]
        : [
            { type: 'lines' as const, lines: events.map(eventLine) },
            { type: 'context' as const, text: rich`${count}.` },
          ]),
    ],
    cut: rich`… cut: ask for fewer, e.g. ${code('/imagestream audit 10')}, or read the audit log lines in the bot's logs`,
  };
}

function eventLine(event: AuditEvent): RichText {
  const parts: RichText[] = [[date(event.at)], [bold(event.kind)]];
  if (event.action) parts.push([text(event.action)]);
  if (event.target) parts.push([text(event.target)]);
  if (event.user) parts.push(rich`by ${who(event.user)}`);
  if (event.requestId) parts.push(rich`request ${code(event.requestId)}`);
  const line = joinRich(parts, ' ');
  return event.detail ? rich`${line}: ${event.detail}` : line;
}

/**
 * The event's user as a mention when it is someone's id (stored bare Slack ids included); the
 * audit log stores whatever string it was given, so anything else stays plain text.
 */
function who(user: string): Span {
  const parsed = storedPrincipalIdSchema.safeParse(user);
  return parsed.success ? mention(parsed.data) : text(user);
}
