import { toChatMessage } from '../../../../adapters/google-chat/cards/to-chat-message';
import { textMessage } from '../../../../src/chat/message-document';
import { principalId } from '../../../../src/chat/principal-id';
import {
  bold,
  boldCode,
  code,
  date,
  emoji,
  italic,
  link,
  mention,
  pre,
  rich,
  text,
} from '../../../../src/chat/rich-text';
import { buttonsOf, chatMessageViolations, paragraphs, widgetsOf } from './card-checks';

const user = principalId('gchat', 'users/123');
const at = Date.UTC(2026, 11, 6, 10, 15, 42);

describe('a message document as a Google Chat message', () => {
  it('a document with no blocks is a text message in Chat’s text format', () => {
    const body = toChatMessage(
      textMessage([
        bold('Fix:'),
        text(' ask '),
        mention(user),
        text(' to run '),
        code('gcloud a`b'),
        text(' '),
        italic('now'),
        text(' at '),
        date(at),
        text(' '),
        emoji('warning'),
        link('https://console.cloud.google.com/logs?q=a b', 'the logs'),
        pre('x ``` y'),
      ]),
    );
    expect(body).toEqual({
      text:
        '*Fix:* ask <users/123> to run `gcloud aˋb` _now_ at 2026-12-06 10:15 UTC ⚠️' +
        '<https://console.cloud.google.com/logs?q=a%20b|the logs>```\nx ˋˋˋ y\n```',
      markupSyntax: 'MARKUP_SYNTAX_CHAT',
    });
    expect(chatMessageViolations(body)).toEqual([]);
  });

  it('mentions in text only Chat users of Chat’s shape, never everyone', () => {
    const say = (who: string, platform = 'gchat') =>
      toChatMessage(textMessage([mention(principalId(platform, who))])).text;
    expect(say('users/all')).toBe('@users/all');
    expect(say('U012AB3CD', 'slack')).toBe('slack:U012AB3CD');
  });

  it('any other document is one card: header with its emoji, the summary as notification text, no message text', () => {
    const body = toChatMessage({
      summary: rich`prod-1 is ${bold('eligible')}`,
      blocks: [
        { type: 'header', text: 'Eligible', emoji: 'white_check_mark' },
        { type: 'text', text: rich`Image ${code('web:v5')} on ${mention(user)}, ${date(at)}` },
      ],
    });
    expect(chatMessageViolations(body)).toEqual([]);
    expect(body.text).toBe('');
    expect(body.fallbackText).toBe('prod-1 is eligible');
    expect(body.cardsV2).toEqual([
      {
        cardId: 'imagestream',
        card: {
          header: { title: '✅ Eligible' },
          sections: [
            { widgets: [{ textParagraph: { text: 'Image <code>web:v5</code> on @users/123, 2026-12-06 10:15 UTC' } }] },
          ],
        },
      },
    ]);
  });

  it('writes each block kind as the widget Chat has for it', () => {
    const body = toChatMessage({
      summary: [text('s')],
      blocks: [
        { type: 'text', text: [bold('b'), text(' & '), italic('i'), text('\nnext'), boldCode('sub')] },
        { type: 'fields', fields: [rich`${bold('Pool')}\nweb`, rich`${bold('State')}\non`, rich`${bold('Odd')}\none`] },
        { type: 'lines', lines: [rich`one`, rich`two`] },
        { type: 'code', lines: ['a: 1', '  b: <2>'] },
        { type: 'context', text: rich`small ${link('https://example.com/?a=1&b="2"', 'print')}` },
        { type: 'divider' },
        { type: 'header', text: 'Later <title>' },
      ],
    });
    expect(chatMessageViolations(body)).toEqual([]);
    expect(widgetsOf(body)).toEqual([
      { textParagraph: { text: '<b>b</b> &amp; <i>i</i><br>next<b><code>sub</code></b>' } },
      {
        columns: {
          columnItems: [
            {
              horizontalSizeStyle: 'FILL_AVAILABLE_SPACE',
              widgets: [{ textParagraph: { text: '<b>Pool</b><br>web' } }],
            },
            {
              horizontalSizeStyle: 'FILL_AVAILABLE_SPACE',
              widgets: [{ textParagraph: { text: '<b>State</b><br>on' } }],
            },
          ],
        },
      },
      { textParagraph: { text: '<b>Odd</b><br>one' } },
      { textParagraph: { text: 'one<br>two' } },
      { textParagraph: { text: '<pre>a: 1<br>  b: &lt;2&gt;</pre>' } },
      {
        textParagraph: {
          text: '<font color="#5f6368">small <a href="https://example.com/?a=1&amp;b=&quot;2&quot;">print</a></font>',
        },
      },
      { divider: {} },
      { textParagraph: { text: '<b>Later &lt;title&gt;</b>' } },
    ]);
  });

  it('buttons call the action with its value as the one parameter; links open; styles are Chat’s', () => {
    const body = toChatMessage({
      summary: [text('s')],
      blocks: [
        { type: 'text', text: [text('pick')] },
        {
          type: 'buttons',
          group: 'g',
          buttons: [
            { label: 'Approve', action: 'imagestream_approve', value: 'req-1', style: 'primary' },
            { label: 'Deny', action: 'imagestream_deny', value: 'req-1', style: 'danger' },
            { label: 'Logs', action: 'open_logs', url: 'https://console.cloud.google.com/logs' },
            { label: 'Help <me>', action: 'help' },
          ],
        },
      ],
    });
    expect(chatMessageViolations(body)).toEqual([]);
    expect(buttonsOf(body)).toEqual([
      {
        text: 'Approve',
        type: 'FILLED',
        onClick: { action: { function: 'imagestream_approve', parameters: [{ key: 'value', value: 'req-1' }] } },
      },
      {
        text: 'Deny',
        color: { red: 0.851, green: 0.188, blue: 0.145 },
        onClick: { action: { function: 'imagestream_deny', parameters: [{ key: 'value', value: 'req-1' }] } },
      },
      { text: 'Logs', onClick: { openLink: { url: 'https://console.cloud.google.com/logs' } } },
      { text: 'Help ˂me˃', onClick: { action: { function: 'help' } } },
    ]);
  });

  it('a card of a header alone shows the summary under it; empty texts show a dash', () => {
    const body = toChatMessage({ summary: rich`nothing ${bold('here')}`, blocks: [{ type: 'header', text: 'Title' }] });
    expect(chatMessageViolations(body)).toEqual([]);
    expect(paragraphs(body)).toEqual(['nothing <b>here</b>']);
    const empty = toChatMessage({ summary: [], blocks: [{ type: 'text', text: [] }] });
    expect(chatMessageViolations(empty)).toEqual([]);
    expect(paragraphs(empty)).toEqual(['-']);
  });

  it('shows other platforms’ people, spaces and groups readably, and non-web links as text', () => {
    const body = toChatMessage({
      summary: [text('s')],
      blocks: [
        {
          type: 'text',
          text: [
            mention(principalId('slack', 'U0AB')),
            text(' '),
            { kind: 'space', platform: 'gchat', space: 'spaces/AAA' },
            text(' '),
            { kind: 'space', platform: 'slack', space: 'C0123' },
            text(' '),
            { kind: 'group', platform: 'slack', group: 'S0AB' },
            text(' '),
            link('javascript:alert(1)', 'x'),
          ],
        },
      ],
    });
    expect(paragraphs(body)).toEqual(['slack:U0AB spaces/AAA #C0123 @S0AB x (javascript:alert(1))']);
  });
});
