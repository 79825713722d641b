/**
 * Chat interaction events as Chat sends them (https://developers.google.com/workspace/chat/api/reference/rest/v1/Event),
 * built with the fields the bot reads and a few it ignores.
 */
export const SPACE = 'spaces/AAAAops';
export const THREAD = `${SPACE}/threads/TTT1`;
export const DM = 'spaces/DDDDdm';

export interface EventUser {
  name: string;
  email?: string;
}
export const ADA: EventUser = { name: 'users/111', email: 'ada@example.com' };
export const BOB: EventUser = { name: 'users/222', email: 'bob@example.com' };

const user = (u: EventUser) => ({ ...u, displayName: 'Someone', type: 'HUMAN', avatarUrl: 'https://x/y.png' });
const room = (name: string) =>
  name === DM
    ? { name, type: 'DM', spaceType: 'DIRECT_MESSAGE', singleUserBotDm: true }
    : { name, type: 'ROOM', spaceType: 'SPACE', displayName: 'Ops' };

/** `/imagestream ARGS` (command id 1) in the space's thread. */
export function slashCommand(args: string, who: EventUser = ADA, commandId = '1', space = SPACE) {
  return {
    type: 'MESSAGE',
    eventTime: '2025-01-01T10:00:00.000Z',
    space: room(space),
    user: user(who),
    message: {
      name: `${space}/messages/M1.M1`,
      sender: user(who),
      text: `/imagestream ${args}`,
      argumentText: ` ${args}`,
      thread: { name: `${space}/threads/TTT1` },
      slashCommand: { commandId },
      annotations: [
        {
          type: 'SLASH_COMMAND',
          startIndex: 0,
          length: 12,
          slashCommand: { commandId, commandName: '/imagestream', type: 'INVOKE' },
        },
      ],
    },
  };
}

/** `@imagestream ARGS` in the space (argumentText as Chat strips the mention; `withArgumentText: false` to leave it out). */
export function mention(args: string, who: EventUser = ADA, { withArgumentText = true } = {}) {
  const text = `@imagestream ${args}`;
  return {
    type: 'MESSAGE',
    space: room(SPACE),
    user: user(who),
    message: {
      name: `${SPACE}/messages/M2`,
      text,
      ...(withArgumentText ? { argumentText: ` ${args}` } : {}),
      thread: { name: THREAD },
      annotations: [
        {
          type: 'USER_MENTION',
          startIndex: 0,
          length: 12,
          userMention: { user: { name: 'users/app', type: 'BOT' }, type: 'MENTION' },
        },
      ],
    },
  };
}

/** A DM to the app. */
export function directMessage(text: string, who: EventUser = ADA) {
  return { type: 'MESSAGE', space: room(DM), user: user(who), message: { name: `${DM}/messages/M3`, text } };
}

/** A click on a card button: `function` and `value`, in the newer (`common`) or older (`action`) form. */
export function cardClicked(
  fn: string,
  value: string,
  who: EventUser = ADA,
  form: 'common' | 'action' = 'common',
  /** The card's message (its space is the event's): the bot's approval request, an alert. */
  on: { message?: string } = {},
) {
  const message = on.message ?? `${SPACE}/messages/CARD1`;
  const space = message.split('/').slice(0, 2).join('/');
  const click =
    form === 'common'
      ? { common: { invokedFunction: fn, parameters: { value }, hostApp: 'CHAT' } }
      : { action: { actionMethodName: fn, parameters: [{ key: 'value', value }] } };
  return {
    type: 'CARD_CLICKED',
    space: room(space),
    user: user(who),
    message: { name: message, thread: { name: `${space}/threads/TTT1` }, sender: { name: 'users/app', type: 'BOT' } },
    ...click,
  };
}

export function addedToSpace(space = SPACE) {
  return { type: 'ADDED_TO_SPACE', space: room(space), user: user(ADA) };
}

/** Everything a reader of a Chat answer sees: its text, or its card's texts (as JSON), for assertions. */
export function visibleText(answer: { text?: string; cardsV2?: unknown } | null | undefined): string {
  if (!answer) return '';
  if (!answer.cardsV2) return answer.text ?? '';
  // Card text is HTML: entities read as the characters they stand for.
  return JSON.stringify(answer.cardsV2)
    .replace(/\\"/g, '"')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
