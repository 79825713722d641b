import type { KnownBlock } from '@slack/types';
import { cutText } from '../../../adapters/slack/block-kit/cut-text';
import { escapeMrkdwn, fitMessage } from '../../../adapters/slack/block-kit/slack-message';
import { slackLimitViolations } from '../../support/slack-limits';

const POINTER = '… cut: run `imagestream check x` in a terminal for the full report';
const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('escapeMrkdwn', () => {
  it('escapes &, < and > so remote text cannot mention, link or ping', () => {
    expect(escapeMrkdwn('<!channel> & <@U1|x> a>b')).toBe('&lt;!channel&gt; &amp; &lt;@U1|x&gt; a&gt;b');
  });

  it('escapes & first, so an existing entity is shown as typed, not decoded', () => {
    expect(escapeMrkdwn('&lt;')).toBe('&amp;lt;');
  });
});

describe('fitMessage', () => {
  it('leaves a message within the limits untouched', () => {
    const message = { text: 'hi', blocks: [section('hello')] };
    expect(fitMessage(message, POINTER)).toEqual(message);
  });

  it('cuts a 10 KB section to 3,000 characters ending with the pointer', () => {
    const fitted = fitMessage({ text: 'x', blocks: [section('a'.repeat(10_000))] }, POINTER);
    const text = (fitted.blocks[0] as { text: { text: string } }).text.text;
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text.endsWith(POINTER)).toBe(true);
    expect(text.startsWith('a'.repeat(2000))).toBe(true);
    expect(slackLimitViolations(fitted)).toEqual([]);
  });

  it('keeps 49 blocks and makes the 50th the pointer when there are more', () => {
    const blocks = Array.from({ length: 120 }, (_, i) => section(`line ${i}`));
    const fitted = fitMessage({ text: 'x', blocks }, POINTER);
    expect(fitted.blocks).toHaveLength(50);
    expect(fitted.blocks[48]).toEqual(section('line 48'));
    expect(fitted.blocks[49]).toEqual(section(POINTER));
  });

  it('keeps closing buttons when it drops blocks', () => {
    const buttons: KnownBlock = {
      type: 'actions',
      elements: [{ type: 'button', action_id: 'go', text: { type: 'plain_text', text: 'Go' } }],
    };
    const fitted = fitMessage(
      { text: 'x', blocks: [...Array.from({ length: 80 }, (_, i) => section(`line ${i}`)), buttons] },
      POINTER,
    );
    expect(fitted.blocks).toHaveLength(50);
    expect(fitted.blocks[48]).toEqual(section(POINTER));
    expect(fitted.blocks[49]).toEqual(buttons);
  });

  it('cuts headers, buttons, fields, context and the fallback text to their own limits', () => {
    const long = 'b'.repeat(10_000);
    const fitted = fitMessage(
      {
        text: long,
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: long } },
          { type: 'section', fields: Array.from({ length: 12 }, () => ({ type: 'mrkdwn' as const, text: long })) },
          { type: 'context', elements: Array.from({ length: 12 }, () => ({ type: 'mrkdwn' as const, text: long })) },
          {
            type: 'actions',
            elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: long }, value: long }],
          },
        ],
      },
      POINTER,
    );
    expect(slackLimitViolations(fitted)).toEqual([]);
    expect(fitted.text.endsWith(POINTER)).toBe(true);
  });

  it('never passes an empty text, which Slack rejects', () => {
    expect(slackLimitViolations(fitMessage({ text: 'x', blocks: [section('')] }, POINTER))).toEqual([]);
  });

  it('bounds a pointer that carries a huge user argument', () => {
    const fitted = fitMessage({ text: 'x', blocks: [section('a'.repeat(10_000))] }, `run \`${'z'.repeat(10_000)}\``);
    expect(slackLimitViolations(fitted)).toEqual([]);
  });
});

describe('cutText', () => {
  it('does not split an escape, a mention or a surrogate pair', () => {
    expect(cutText(`${'a'.repeat(10)}&amp;${'b'.repeat(20)}`, 17)).toBe(`${'a'.repeat(10)}…`);
    expect(cutText(`${'a'.repeat(10)}<@U12345>${'b'.repeat(20)}`, 18)).toBe(`${'a'.repeat(10)}…`);
    expect(cutText(`${'a'.repeat(9)}😀${'b'.repeat(20)}`, 15)).toBe(`${'a'.repeat(9)}…`);
  });

  it('closes a code span or code block that the cut leaves open', () => {
    expect(cutText(`see \`${'x'.repeat(50)}\``, 20)).toMatch(/^see `x+…`$/);
    expect(cutText(`\`\`\`\n${'y'.repeat(50)}\n\`\`\``, 30)).toMatch(/^```\ny+…\n```$/);
  });
});
