import type { MessageDocument } from '../chat/message-document';
import { bold, emoji, rich } from '../chat/rich-text';

/**
 * A job that failed for good: what failed, in the error's own words (which name the missing
 * permission or resource), and what to do next. Never a stack: only the message is shown.
 */
export function jobErrorMessage(message: string): MessageDocument {
  return {
    summary: rich`imagestream: ${message}`,
    blocks: [
      { type: 'text', text: rich`${emoji('x')} ${bold('That did not work.')}\n${message}` },
      {
        type: 'context',
        text: rich`A permission or a name is usually the cause: fix what the message says and run the command again. If it says the API is unavailable, try again in a few minutes.`,
      },
    ],
    cut: rich`… cut: the bot's logs have the full error`,
  };
}
