import { cutPoint } from '../../../src/render/shorten';
/**
 * Cuts mrkdwn to at most `max` characters, ending with an ellipsis. The cut never splits what
 * Slack would then render as garbage: an escape (`&amp;`), a `<@U123>` or `<!date...>` token, a
 * surrogate pair; and an open code span or code block is closed again.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  // The neutral cut point leaves room for the ellipsis and, at worst, a closing "\n```".
  let cut = cutPoint(text, max).replace(/&[a-z]{0,4}$/, '');
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  return `${cut}…${closingMarks(cut)}`;
}

function closingMarks(text: string): string {
  const fences = text.split('```').length - 1;
  if (fences % 2 === 1) return '\n```';
  const ticks = text.replace(/```/g, '').split('`').length - 1;
  return ticks % 2 === 1 ? '`' : '';
}
