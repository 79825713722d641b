import type { ContextBlock, HeaderBlock, SectionBlock } from '@slack/types';

/** A header block (plain text, emoji shortcodes rendered). */
export function headerBlock(text: string): HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text, emoji: true } };
}

/** A section block of mrkdwn; the caller has escaped whatever user or remote text it holds. */
export function sectionBlock(mrkdwn: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: mrkdwn } };
}

/** A context block (small grey text) of one mrkdwn element. */
export function contextBlock(mrkdwn: string): ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: mrkdwn }] };
}
