import type { ButtonClick, FixReplyTo } from '../../../handlers/actions/button-click';
import { conversationRefSchema, messageRefSchema } from '../../../src/chat/conversation-ref';
import { principalIdSchema } from '../../../src/chat/principal-id';
import type { ButtonArgs } from './button-args';

/** A Slack button click as the core's click: its value, who clicked, where, and where a job answers. */
export function buttonClickOf({ body, action }: Pick<ButtonArgs, 'body' | 'action'>): ButtonClick {
  // Any field of a click is the sender's: what is not of Slack's shape is left out.
  const clicker = principalIdSchema.safeParse(`slack:${body.user.id}`);
  const channel = body.channel?.id;
  const where = channel ? conversationRefSchema.safeParse({ platform: 'slack', space: channel }) : undefined;
  // Where the clicked message is: recorded when its request lost it (see postApprovalRequest).
  const message =
    channel && body.message?.ts
      ? messageRefSchema.safeParse({ platform: 'slack', space: channel, message: body.message.ts })
      : undefined;
  const replyTo = replyToOf(body);
  return {
    value: action.value,
    clicker: clicker.success ? clicker.data : null,
    ...(where?.success ? { where: where.data } : {}),
    ...(message?.success ? { message: message.data } : {}),
    ...(replyTo ? { replyTo } : {}),
  };
}

/**
 * Where a job queued by the click answers: the click's response_url, who clicked and in which
 * channel; none without a channel or a response_url (the App Home). The job's schema checks it.
 */
function replyToOf(body: ButtonArgs['body']): FixReplyTo | undefined {
  const channelId = body.channel?.id;
  if (!channelId || !body.response_url) return undefined;
  return {
    conversation: { platform: 'slack', space: channelId, replyHandle: body.response_url },
    requester: `slack:${body.user.id}`,
  };
}
