import type { ActionsBlock, Button as SlackButton, KnownBlock } from '@slack/types';
import type { Button, DocumentBlock, MessageDocument } from '../../../src/chat/message-document';
import { text as plain } from '../../../src/chat/rich-text';
import { contextBlock, headerBlock, sectionBlock } from './block-builders';
import { packLines } from './pack-lines';
import { SLACK_LIMITS, SlackMessage, fitMessage } from './slack-message';
import { toMrkdwn } from './to-mrkdwn';

// Each code block opens and closes its own fence: 8 characters of the section's budget.
const CODE_BUDGET = SLACK_LIMITS.sectionText - 8;

/**
 * A neutral message as Block Kit, within Block Kit's limits (fitMessage): long lists packed into
 * as few sections as fit, and a message past 50 blocks cut with the document's pointer.
 */
export function toSlackMessage(doc: MessageDocument): SlackMessage {
  const blocks = doc.blocks.flatMap(toBlocks);
  return fitMessage({ text: toMrkdwn(doc.summary), blocks }, toMrkdwn(doc.cut ?? [plain('…')]));
}

/** One neutral block as the Block Kit blocks that show it (a long list may take several). */
export function toBlocks(block: DocumentBlock): KnownBlock[] {
  switch (block.type) {
    case 'header':
      // A header is plain text: Slack shows the shortcode as the emoji (headerBlock sets emoji: true).
      return [headerBlock(block.emoji ? `:${block.emoji}: ${block.text}` : block.text)];
    case 'text':
      return [sectionBlock(toMrkdwn(block.text))];
    case 'fields':
      return [{ type: 'section', fields: block.fields.map((f) => ({ type: 'mrkdwn', text: toMrkdwn(f) })) }];
    case 'lines':
      return packLines(block.lines.map(toMrkdwn), SLACK_LIMITS.sectionText).map(sectionBlock);
    case 'code':
      return packLines(
        block.lines.map((line) => toMrkdwn([plain(line)])),
        CODE_BUDGET,
      ).map((chunk) => sectionBlock(`\`\`\`\n${chunk}\n\`\`\``));
    case 'context':
      return [contextBlock(toMrkdwn(block.text))];
    case 'divider':
      return [{ type: 'divider' }];
    case 'buttons':
      return [toActions(block.buttons, block.group)];
  }
}

function toActions(buttons: Button[], group: string | undefined): ActionsBlock {
  return {
    type: 'actions',
    ...(group ? { block_id: group } : {}),
    elements: buttons.map(toButton),
  };
}

function toButton(button: Button): SlackButton {
  return {
    type: 'button',
    action_id: button.action,
    text: { type: 'plain_text', text: button.label },
    ...(button.style ? { style: button.style } : {}),
    ...(button.value !== undefined ? { value: button.value } : {}),
    ...(button.url !== undefined ? { url: button.url } : {}),
  };
}
