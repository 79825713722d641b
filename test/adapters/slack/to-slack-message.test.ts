import { toSlackMessage } from '../../../adapters/slack/block-kit/to-slack-message';
import { toMrkdwn } from '../../../adapters/slack/block-kit/to-mrkdwn';
import { principalId } from '../../../src/chat/principal-id';
import { bold, code, date, emoji, link, mention, pre, rich, text } from '../../../src/chat/rich-text';

describe('neutral messages as Block Kit', () => {
  it('escapes plain text so that remote text never becomes a mention, link or broadcast', () => {
    expect(toMrkdwn(rich`${'<!channel> <@U1> <https://x|y> & co'}`)).toBe(
      '&lt;!channel&gt; &lt;@U1&gt; &lt;https://x|y&gt; &amp; co',
    );
  });

  it('writes Slack tokens only for Slack ids of Slack’s own shape', () => {
    expect(toMrkdwn([mention(principalId('slack', 'U012AB3CD'))])).toBe('<@U012AB3CD>');
    expect(toMrkdwn([mention(principalId('gchat', 'users/1'))])).toBe('gchat:users/1');
    expect(toMrkdwn([{ kind: 'space', platform: 'slack', space: 'C0123' }])).toBe('<#C0123>');
    expect(toMrkdwn([{ kind: 'group', platform: 'slack', group: 'S0AB' }])).toBe('<!subteam^S0AB>');
  });

  it('formats bold, code, code blocks, links, dates and emoji as mrkdwn', () => {
    expect(
      toMrkdwn([
        bold('Fix:'),
        text(' '),
        code('a`b'),
        pre('x ``` y'),
        link('https://console.cloud.google.com/logs?q=a b', 'Open <it>'),
        emoji('warning'),
        date(0),
      ]),
    ).toBe(
      '*Fix:* `aˋb````\nx ˋˋˋ y\n```<https://console.cloud.google.com/logs?q=a%20b|Open &lt;it&gt;>:warning:' +
        '<!date^0^{date_short_pretty} {time}|1970-01-01 00:00:00 UTC>',
    );
  });

  it('packs long lists into few sections and cuts a message past 50 blocks with its pointer, keeping closing buttons', () => {
    const lines = Array.from({ length: 400 }, (_, i) => rich`pool-${String(i)}: ${'x'.repeat(200)}`);
    const message = toSlackMessage({
      summary: [text('many')],
      blocks: [
        { type: 'header', text: 'Pools' },
        ...Array.from({ length: 60 }, () => ({ type: 'lines' as const, lines: lines.slice(0, 2) })),
        { type: 'buttons', group: 'g', buttons: [{ label: 'Approve', action: 'a', value: 'v', style: 'primary' }] },
      ],
      cut: rich`… cut: run ${code('gcloud')}`,
    });
    expect(message.blocks).toHaveLength(50);
    expect(message.blocks[48]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '… cut: run `gcloud`' } });
    expect(message.blocks[49]).toEqual({
      type: 'actions',
      block_id: 'g',
      elements: [
        { type: 'button', action_id: 'a', style: 'primary', value: 'v', text: { type: 'plain_text', text: 'Approve' } },
      ],
    });
    const packed = toSlackMessage({ summary: [text('s')], blocks: [{ type: 'lines', lines }] });
    expect(packed.blocks.length).toBeLessThan(40);
    expect(packed.blocks.every((b) => b.type === 'section' && b.text!.text.length <= 3000)).toBe(true);
  });
});
