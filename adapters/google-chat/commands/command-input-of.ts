import type { CommandInput } from '../../../handlers/commands/run-command';
import { GCHAT, chatPrincipal } from '../chat-ids';
import { type ChatEvent, replyThreadOf } from '../events/chat-event';

/**
 * A Chat command as the core's command input: its words, who typed them, the space, and where its
 * job answers (the space and the message's thread, none in a DM; Chat has no reply handle: the
 * messenger creates the answer through the API). A user name of another shape is left out of the
 * reply target, so a job's payload is refused naming the user id (the core's principal schema
 * alone would accept `gchat:people/1`; Chat's own shape is the adapter's to check).
 */
export function commandInputOf(event: ChatEvent, text: string): CommandInput {
  const requester = chatPrincipal(event.user?.name);
  const space = event.space.name;
  const thread = replyThreadOf(event);
  return {
    text,
    requester,
    conversation: { platform: GCHAT, space },
    replyTo: {
      conversation: { platform: GCHAT, space, ...(thread ? { thread } : {}) },
      ...(requester ? { requester } : {}),
    },
  };
}
