import { cutCardHtml } from '../../../../adapters/google-chat/cards/cut-card-html';
import { toChatMessage } from '../../../../adapters/google-chat/cards/to-chat-message';
import type { DocumentBlock } from '../../../../src/chat/message-document';
import { bold, code, rich, text } from '../../../../src/chat/rich-text';
import { buttonsOf, cardHtmlProblems, chatMessageViolations, paragraphs, widgetsOf } from './card-checks';

const approve: DocumentBlock = {
  type: 'buttons',
  buttons: [
    { label: 'Approve', action: 'imagestream_approve', value: 'req-1', style: 'primary' },
    { label: 'Deny', action: 'imagestream_deny', value: 'req-1', style: 'danger' },
  ],
};
const cut = rich`… cut: run ${code('/imagestream audit')}`;

describe('fitting a message within Chat’s limits', () => {
  it('packs a long list into few paragraphs, never splitting a line', () => {
    const lines = Array.from({ length: 120 }, (_, i) => rich`${bold(`pool-${i}`)}: ${'x'.repeat(100)}`);
    const body = toChatMessage({ summary: [text('s')], blocks: [{ type: 'lines', lines }] });
    expect(chatMessageViolations(body)).toEqual([]);
    const texts = paragraphs(body);
    expect(texts.length).toBeLessThan(6);
    expect(texts.join('<br>').split('<br>')).toEqual(lines.map((_, i) => `<b>pool-${i}</b>: ${'x'.repeat(100)}`));
  });

  it('past 100 widgets: keeps what fits, then the pointer, then the closing buttons', () => {
    const blocks: DocumentBlock[] = [
      { type: 'header', text: 'Many' },
      ...Array.from({ length: 150 }, (_, i): DocumentBlock => ({ type: 'text', text: rich`item ${String(i)}` })),
      approve,
    ];
    const body = toChatMessage({ summary: [text('many')], blocks, cut });
    expect(chatMessageViolations(body)).toEqual([]);
    const widgets = widgetsOf(body);
    expect(widgets).toHaveLength(100);
    expect(widgets[97]).toEqual({ textParagraph: { text: 'item 97' } });
    expect(widgets[98]).toEqual({ textParagraph: { text: '… cut: run <code>/imagestream audit</code>' } });
    expect(buttonsOf(body).map((b) => b.onClick?.action?.parameters)).toEqual([
      [{ key: 'value', value: 'req-1' }],
      [{ key: 'value', value: 'req-1' }],
    ]);
  });

  it('past 32,000 bytes: cuts the paragraph that does not fit, closing its tags, and keeps the buttons', () => {
    const blocks: DocumentBlock[] = [
      ...Array.from({ length: 12 }, (_, i): DocumentBlock => ({
        type: 'text',
        text: [bold(`${i} ${'é🙂'.repeat(2_000)}`)],
      })),
      approve,
    ];
    const body = toChatMessage({ summary: [text('big')], blocks, cut });
    expect(chatMessageViolations(body)).toEqual([]);
    const texts = paragraphs(body);
    expect(texts[texts.length - 1]).toBe('… cut: run <code>/imagestream audit</code>');
    expect(texts[texts.length - 2]).toMatch(/^<b>\d+ (é🙂)*é?…<\/b>$/);
    expect(buttonsOf(body).map((b) => b.text)).toEqual(['Approve', 'Deny']);
  });

  it('cuts one paragraph over its budget with the pointer; a long code line keeps its <pre> closed', () => {
    const body = toChatMessage({
      summary: [text('s')],
      blocks: [
        { type: 'text', text: [text('<&>'.repeat(3_000))] },
        { type: 'code', lines: ['y'.repeat(9_000)] },
      ],
      cut,
    });
    expect(chatMessageViolations(body)).toEqual([]);
    const [first, second] = paragraphs(body);
    expect(first).toMatch(/(&lt;&amp;&gt;)+…<br>… cut: run <code>\/imagestream audit<\/code>$/);
    expect(second).toMatch(/^<pre>y+…<\/pre><br>… cut/);
  });

  it('a text message over 4,096 characters is cut at a span, markup whole, and ends with the pointer', () => {
    const body = toChatMessage({
      summary: [text('a'.repeat(3_000)), code('b'.repeat(3_000)), text(' end')],
      blocks: [],
      cut,
    });
    expect(chatMessageViolations(body)).toEqual([]);
    expect(body.text).toMatch(/^a{3000}`b+…`\n… cut: run `\/imagestream audit`$/);
    expect(body.text.length).toBeLessThanOrEqual(4_096);
  });

  it('cutCardHtml never splits a tag, an entity or a surrogate pair, and closes what is open', () => {
    const html = '<b>x &amp; <i>y🙂<br>zzzz</i></b>';
    for (let max = 1; max < html.length; max++) {
      const out = cutCardHtml(html, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(cardHtmlProblems(out)).toEqual([]);
      expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
    expect(cutCardHtml(html, 20)).toBe('<b>x &amp; …</b>');
    expect(cutCardHtml(html, 29)).toBe('<b>x &amp; <i>y🙂…</i></b>');
  });
});
