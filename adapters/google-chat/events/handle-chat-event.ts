import { chatClick } from '../actions/chat-click';
import { chatCommand } from '../commands/chat-command';
import { errorMessage } from '../../../src/errors';
import { type ChatAnswer, answerOf } from './chat-answer';
import { type ChatEvent, chatEventSchema } from './chat-event';
import type { ChatWebDeps } from './chat-web-deps';
import { WELCOME } from './welcome';

export interface HandleChatEventOptions {
  /** When the request arrived (performance.now()): commands are counted with their latency from it. */
  startedAt?: number;
}

/**
 * One Chat interaction event, already verified (HTTP bearer token, or the Pub/Sub subscription), to
 * its synchronous answer: a Chat Message, or null for none. Nothing here calls the Chat API; jobs
 * answer later through the messenger.
 * - MESSAGE: `/imagestream`, an @mention or a DM -> the command's reply;
 * - CARD_CLICKED: one of the bot's buttons -> what the core tells the clicker, if anything;
 * - ADDED_TO_SPACE: a welcome (or, when the app was added by an @mention with words, their answer);
 * - REMOVED_FROM_SPACE (cannot be answered), any other type, an invalid event: null.
 * Never throws: a failure is logged and answered with null.
 * https://developers.google.com/workspace/chat/api/reference/rest/v1/EventType
 */
export async function handleChatEvent(
  body: unknown,
  deps: ChatWebDeps,
  options: HandleChatEventOptions = {},
): Promise<ChatAnswer | null> {
  const parsed = chatEventSchema.safeParse(body);
  if (!parsed.success) {
    // The issue names a field, never its value.
    const issue = parsed.error.issues[0];
    deps.logger.debug({ field: issue?.path.join('.') }, `ignored an invalid Chat event: ${issue?.message}`);
    return null;
  }
  const event = parsed.data;
  try {
    rememberEmail(event, deps);
    return await answer(event, deps, options.startedAt ?? performance.now());
  } catch (err) {
    deps.logger.error({ err: errorMessage(err), type: event.type }, 'could not handle a Chat event');
    return null;
  }
}

async function answer(event: ChatEvent, deps: ChatWebDeps, startedAt: number): Promise<ChatAnswer | null> {
  const { message } = event;
  switch (event.type) {
    case 'MESSAGE':
      return message ? chatCommand({ ...event, message }, deps, startedAt) : null;
    case 'CARD_CLICKED':
      return chatClick(event, deps);
    case 'ADDED_TO_SPACE':
      // Added by an @mention with words: they are a command (https://developers.google.com/workspace/chat/receive-respond-interactions).
      if (message?.argumentText?.trim()) return chatCommand({ ...event, message }, deps, startedAt);
      return answerOf(WELCOME, { visibility: 'public', space: event.space });
    case 'REMOVED_FROM_SPACE':
      return null;
    default:
      deps.logger.debug({ type: event.type.slice(0, 60) }, 'ignored a Chat event of a type the bot does not handle');
      return null;
  }
}

/** Every verified event teaches the approver directory its user's e-mail, before anything is decided. */
function rememberEmail({ user }: ChatEvent, deps: ChatWebDeps): void {
  if (user?.email) deps.chat.directory.remember(user.name, user.email);
}
