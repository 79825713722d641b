import { localIdOf, platformOf } from '../../../src/chat/principal-id';
import { EMOJI, type RichText, type Span } from '../../../src/chat/rich-text';
import { GCHAT, userNameSchema } from '../chat-ids';
import { chatDate } from './chat-date';
import { neutralizeChatText, neutralizeMonospace } from './neutralize-chat-text';
import { readableGroup, readableMention, readableSpace } from './readable-ids';

/**
 * Rich text in Chat's text format (`*bold*`, `_italic_`, `` `code` ``, ```` ``` ```` blocks,
 * `<url|label>`, `<users/123>`; https://developers.google.com/workspace/chat/format-messages#format-texts).
 * Plain parts are neutralized (neutralizeChatText), so only this function writes markup, and a
 * mention only for a Chat user id of Chat's own shape.
 */
export function toChatText(value: RichText): string {
  return value.map(spanToChatText).join('');
}

function spanToChatText(span: Span): string {
  switch (span.kind) {
    case 'text':
      return neutralizeChatText(span.text);
    case 'bold':
      return `*${neutralizeChatText(span.text)}*`;
    case 'italic':
      return `_${neutralizeChatText(span.text)}_`;
    case 'code': {
      const inline = `\`${neutralizeMonospace(span.text.replace(/[\r\n]+/g, ' ')) || ' '}\``;
      return span.bold ? `*${inline}*` : inline;
    }
    case 'pre': {
      const body = neutralizeMonospace(span.text) || ' ';
      return span.tight ? `\`\`\`${body}\`\`\`` : `\`\`\`\n${body}\n\`\`\``;
    }
    case 'link': {
      // `|` would end the label early; the URL is ours (built from API fields), not a user's.
      const url = span.url.replace(/[<>|\s]/g, encodeURIComponent);
      return `<${url}|${neutralizeChatText(span.text).replace(/\|/g, '¦')}>`;
    }
    case 'mention': {
      // `users/all` has a user's shape but would mention everyone in the space.
      const id = localIdOf(span.principal);
      return platformOf(span.principal) === GCHAT && userNameSchema.safeParse(id).success && id !== 'users/all'
        ? `<${id}>`
        : neutralizeChatText(readableMention(span.principal));
    }
    case 'space':
      return neutralizeChatText(readableSpace(span.platform, span.space));
    case 'group':
      return neutralizeChatText(readableGroup(span.group));
    case 'date':
      return chatDate(span.epochMs);
    case 'emoji':
      return EMOJI[span.name];
  }
}
