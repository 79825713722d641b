import type { CommandInput } from '../../../handlers/commands/run-command';
import { GCHAT, chatPrincipal } from '../chat-ids';
import type { ChatEvent } from '../events/chat-event';

/**
 * A Chat command as the core's command input: its words, who typed them, the space, and where its
 * job answers (the space and the message's thread; Chat has no reply handle: the messenger creates
 * the answer through the API). A user name of another shape is passed on as given in the reply
 * target, so a job's payload is refused naming it (as Slack's adapter does).
 */
export function commandInputOf(event: ChatEvent, text: string): CommandInput {
  const userName = event.user?.name;
  const requester = chatPrincipal(userName);
  const space = event.space.name;
  const thread = event.message?.thread?.name;
  return {
    text,
    requester,
    conversation: { platform: GCHAT, space },
    replyTo: {
      conversation: { platform: GCHAT, space, ...(thread ? { thread } : {}) },
      requester: requester ?? `${GCHAT}:${String(userName)}`,
    },
  };
}
