import type { KnownBlock } from '@slack/types';
import { contextBlock, headerBlock, sectionBlock } from './block-builders';
import { codeSpan } from './code-span';
import { mentionUser } from './mention-user';
import { packLines } from './pack-lines';
import { SLACK_LIMITS, SlackMessage, escapeMrkdwn, fitMessage } from './slack-message';
import { slackDate } from './slack-date';

/** One audit log entry: a request, approval, denial, expiry or result. */
export interface AuditEvent {
  /** Epoch ms. */
  at: number;
  kind: string;
  requestId?: string;
  /** Slack user id of who did it. */
  user?: string;
  action?: string;
  target?: string;
  detail?: string;
}

/** `/imagestream audit [N]`: one line per event, in the order given. */
export function renderAudit(events: AuditEvent[]): SlackMessage {
  const blocks: KnownBlock[] = [headerBlock('Image streaming audit log')];
  if (events.length === 0) {
    blocks.push(sectionBlock('_No events yet: nothing was requested._'));
  } else {
    for (const chunk of packLines(events.map(eventLine), SLACK_LIMITS.sectionText)) blocks.push(sectionBlock(chunk));
    blocks.push(contextBlock(`${events.length} event${events.length === 1 ? '' : 's'}.`));
  }
  const text = `imagestream audit log: ${events.length} event${events.length === 1 ? '' : 's'}`;
  return fitMessage(
    { text, blocks },
    "… cut: ask for fewer, e.g. `/imagestream audit 10`, or read the audit log lines in the bot's logs",
  );
}

function eventLine(event: AuditEvent): string {
  const parts = [slackDate(event.at), `*${escapeMrkdwn(event.kind)}*`];
  if (event.action) parts.push(escapeMrkdwn(event.action));
  if (event.target) parts.push(escapeMrkdwn(event.target));
  if (event.user) parts.push(`by ${mentionUser(event.user)}`);
  if (event.requestId) parts.push(`request ${codeSpan(event.requestId)}`);
  const line = parts.join(' ');
  return event.detail ? `${line}: ${escapeMrkdwn(event.detail)}` : line;
}
