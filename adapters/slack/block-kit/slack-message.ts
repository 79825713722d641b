import type { KnownBlock } from '@slack/types';
import { cutText } from './cut-text';

/** A message as chat.postMessage, chat.update and response_url take it; `text` is the notification fallback. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/**
 * Slack's documented limits (Block Kit reference, and @slack/types' docs): a message over any of
 * them is rejected whole (`invalid_blocks`), so the answer would be lost rather than shortened.
 */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  contextElements: 10,
  contextText: 3000,
  headerText: 150,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  /** Top-level `text`: Slack accepts far more, but a fallback this long helps no one. */
  fallbackText: 3000,
  /** The "cut" pointer a renderer passes in, so that it cannot crowd out the content. */
  pointer: 500,
} as const;

/** Escapes the three characters mrkdwn treats as control characters; all user or remote text goes through it. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Brings a message within Slack's limits. A section text that is too long is cut and ends with
 * `pointer` (mrkdwn: where to read the full text); past 50 blocks, the last kept block is the pointer
 * (followed by the message's closing buttons, if it ends with some).
 * Short labels (header, button, field) are cut with an ellipsis only.
 */
export function fitMessage(message: SlackMessage, pointer: string): SlackMessage {
  const note = cutText(pointer, SLACK_LIMITS.pointer);
  let blocks = fitBlocks(message.blocks, pointer);
  if (blocks.length > SLACK_LIMITS.blocksPerMessage) {
    // Buttons at the end (an approval's) are what the message is for: they stay.
    const tail = blocks[blocks.length - 1]!.type === 'actions' ? blocks.slice(-1) : [];
    blocks = [
      ...blocks.slice(0, SLACK_LIMITS.blocksPerMessage - 1 - tail.length),
      { type: 'section', text: { type: 'mrkdwn', text: note } },
      ...tail,
    ];
  }
  return { text: withPointer(message.text, SLACK_LIMITS.fallbackText, note), blocks };
}

/**
 * Brings each block within Slack's per-block limits, fitMessage's rules without the block count
 * (for a surface with another limit, such as the App Home's 100): a section text that is too long
 * is cut and ends with `pointer`; short labels are cut with an ellipsis.
 */
export function fitBlocks(blocks: KnownBlock[], pointer: string): KnownBlock[] {
  const note = cutText(pointer, SLACK_LIMITS.pointer);
  return blocks.map((block) => fitBlock(block, note));
}

function fitBlock(block: KnownBlock, note: string): KnownBlock {
  switch (block.type) {
    case 'section': {
      const out = { ...block };
      if (out.text)
        out.text = { ...out.text, text: withPointer(nonEmpty(out.text.text), SLACK_LIMITS.sectionText, note) };
      if (out.fields) {
        out.fields = out.fields
          .slice(0, SLACK_LIMITS.sectionFields)
          .map((f) => ({ ...f, text: cutText(nonEmpty(f.text), SLACK_LIMITS.sectionFieldText) }));
      }
      return out;
    }
    case 'header':
      return { ...block, text: { ...block.text, text: cutText(nonEmpty(block.text.text), SLACK_LIMITS.headerText) } };
    case 'context':
      return {
        ...block,
        elements: block.elements
          .slice(0, SLACK_LIMITS.contextElements)
          .map((e) => ('text' in e ? { ...e, text: cutText(nonEmpty(e.text), SLACK_LIMITS.contextText) } : e)),
      };
    case 'actions':
      return {
        ...block,
        elements: block.elements.slice(0, SLACK_LIMITS.actionsElements).map((e) => {
          if (e.type !== 'button') return e;
          const button = { ...e, text: { ...e.text, text: cutText(nonEmpty(e.text.text), SLACK_LIMITS.buttonText) } };
          if (button.value !== undefined) button.value = cutText(button.value, SLACK_LIMITS.buttonValue);
          if (button.action_id !== undefined) button.action_id = button.action_id.slice(0, SLACK_LIMITS.actionId);
          return button;
        }),
      };
    default:
      return block;
  }
}

/** Cuts `text` to `max` characters, the pointer included, when it does not fit. */
function withPointer(text: string, max: number, note: string): string {
  if (text.length <= max) return text;
  return `${cutText(text, max - note.length - 1)}\n${note}`;
}

// Slack rejects an empty text object ("must be more than 0 characters").
function nonEmpty(text: string): string {
  return text.length > 0 ? text : '-';
}
