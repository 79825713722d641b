import { escapeMrkdwn } from './slack-message';

/**
 * User or remote text as an inline code span. A backtick would end the span early and a line
 * break would break it, so they become look-alikes; mrkdwn escapes still apply inside code.
 */
export function codeSpan(text: string): string {
  const safe = escapeMrkdwn(text)
    .replace(/`/g, 'ˋ')
    .replace(/[\r\n]+/g, ' ');
  return `\`${safe.length > 0 ? safe : ' '}\``;
}
