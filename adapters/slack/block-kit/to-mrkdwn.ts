import { localIdOf, platformOf } from '../../../src/chat/principal-id';
import type { RichText, Span } from '../../../src/chat/rich-text';
import { codeSpan } from './code-span';
import { slackDate } from './slack-date';
import { escapeMrkdwn } from './slack-message';
import { slackChannelIdSchema, slackUserIdSchema, slackUsergroupIdSchema } from '../slack-ids';

/**
 * Rich text as Slack mrkdwn: plain parts escaped (`&`, `<`, `>`), so that no text a user or an API
 * wrote becomes a mention, a link or a broadcast; Slack tokens only for ids of Slack's own shape.
 */
export function toMrkdwn(value: RichText): string {
  return value.map(spanToMrkdwn).join('');
}

function spanToMrkdwn(span: Span): string {
  switch (span.kind) {
    case 'text':
      return escapeMrkdwn(span.text);
    case 'bold':
      return `*${escapeMrkdwn(span.text)}*`;
    case 'italic':
      return `_${escapeMrkdwn(span.text)}_`;
    case 'code':
      return span.bold ? `*${codeSpan(span.text)}*` : codeSpan(span.text);
    case 'pre': {
      // A code block cannot hold three backticks in a row; escaping still applies inside.
      const safe = escapeMrkdwn(span.text).replace(/```/g, 'ˋˋˋ');
      const body = safe.length > 0 ? safe : ' ';
      return span.tight ? `\`\`\`${body}\`\`\`` : `\`\`\`\n${body}\n\`\`\``;
    }
    case 'link':
      // `|` and `>` would end the label early; the URL is ours (built from API fields), not a user's.
      return `<${span.url.replace(/[<>|\s]/g, encodeURIComponent)}|${escapeMrkdwn(span.text).replace(/\|/g, '¦')}>`;
    case 'mention': {
      const id = localIdOf(span.principal);
      return platformOf(span.principal) === 'slack' && slackUserIdSchema.safeParse(id).success
        ? `<@${id}>`
        : escapeMrkdwn(span.principal);
    }
    case 'space':
      return span.platform === 'slack' && slackChannelIdSchema.safeParse(span.space).success
        ? `<#${span.space}>`
        : escapeMrkdwn(span.space);
    case 'group':
      return span.platform === 'slack' && slackUsergroupIdSchema.safeParse(span.group).success
        ? `<!subteam^${span.group}>`
        : escapeMrkdwn(span.group);
    case 'date':
      return slackDate(span.epochMs);
    case 'emoji':
      return `:${span.name}:`;
  }
}
