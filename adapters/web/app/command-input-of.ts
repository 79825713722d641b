import type { CommandInput } from '../../../handlers/commands/run-command';
import { PLAYGROUND, webPrincipal } from '../web-ids';

/**
 * A line typed in the playground as the core's command input: its words, who typed them (`web:alice`),
 * the channel, and where its job answers (the channel; to that user when the answer is private).
 */
export function commandInputOf(user: string, text: string): CommandInput {
  const requester = webPrincipal(user);
  return { text, requester, conversation: PLAYGROUND, replyTo: { conversation: PLAYGROUND, requester } };
}
