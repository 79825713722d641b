/**
 * Chat's text format has no escape character (https://developers.google.com/workspace/chat/format-messages#format-texts),
 * so plain text keeps its markup characters out by look-alikes: `<` and `>` (mentions, links,
 * quotes), `*` `_` `~` (bold, italic, strikethrough) and the backtick (monospace) become
 * characters that read the same and mean nothing to Chat.
 */
const LOOK_ALIKES: Record<string, string> = {
  '<': '˂',
  '>': '˃',
  '*': '∗',
  _: 'ˍ',
  '~': '˜',
  '`': 'ˋ',
};

/** Plain text for Chat's text format: no character of it can start markup, a link or a mention. */
export function neutralizeChatText(text: string): string {
  return text.replace(/[<>*_~`]/g, (c) => LOOK_ALIKES[c]!);
}

/**
 * Text inside monospace (`…` or ```…```): Chat applies no formatting there, so only what could end
 * the monospace early (a backtick) or form a mention or link (`<`, `>`) is replaced.
 */
export function neutralizeMonospace(text: string): string {
  return text.replace(/[<>`]/g, (c) => LOOK_ALIKES[c]!);
}
