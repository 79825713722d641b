import { type ChatEvent, isDirectMessage } from '../events/chat-event';

type ChatMessage = NonNullable<ChatEvent['message']>;

/** What a MESSAGE asks of the bot: the command's text, or a slash command of another id. */
export type CommandText = { kind: 'command'; text: string } | { kind: 'other-command'; commandId: string };

/**
 * The words of `/imagestream` in a MESSAGE event (https://developers.google.com/workspace/chat/receive-respond-interactions,
 * https://developers.google.com/workspace/chat/slash-commands):
 * - a slash command: `argumentText` is what follows the command; with GOOGLE_CHAT_COMMAND_ID set,
 *   another command id is not ours (the app may have others configured), unset any is;
 * - an @mention in a space (Chat sends an app only the messages that mention it there):
 *   `argumentText` is the text with the app's mentions stripped;
 * - a DM: the same, or the text when Chat sent no argumentText.
 */
export function commandTextOf(
  message: ChatMessage,
  space: ChatEvent['space'],
  commandId: number | string | undefined,
): CommandText {
  const slash = message.slashCommand?.commandId;
  if (slash !== undefined && commandId !== undefined && slash !== String(commandId)) {
    return { kind: 'other-command', commandId: slash };
  }
  if (message.argumentText !== undefined) return { kind: 'command', text: message.argumentText.trim() };
  // `/imagestream` alone may come without argumentText: its text is the command's name, not words.
  if (slash !== undefined) return { kind: 'command', text: '' };
  if (isDirectMessage(space)) return { kind: 'command', text: (message.text ?? '').trim() };
  return { kind: 'command', text: withoutAppMentions(message).trim() };
}

/** The text less the spans annotated as mentions of an app (what argumentText would have been). */
function withoutAppMentions({ text = '', annotations = [] }: ChatMessage): string {
  const spans = annotations
    .filter((a) => a.type === 'USER_MENTION' && a.userMention?.user.type === 'BOT')
    .map((a) => ({ start: a.startIndex ?? 0, end: (a.startIndex ?? 0) + (a.length ?? 0) }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const { start, end } of spans) out = out.slice(0, start) + out.slice(end);
  return out;
}
