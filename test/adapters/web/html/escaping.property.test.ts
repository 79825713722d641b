import fc from 'fast-check';
import { documentToHtml } from '../../../../adapters/web/html/document-to-html';
import { richTextToHtml } from '../../../../adapters/web/html/rich-text-to-html';
import type { Button, DocumentBlock, MessageDocument } from '../../../../src/chat/message-document';
import { principalId } from '../../../../src/chat/principal-id';
import { bold, code, date, italic, link, mention, pre, text } from '../../../../src/chat/rich-text';
import { htmlProblems, tagNames, tagsOf, visibleText } from './html-checks';

// Strings built to hurt: tags, attributes, event handlers, script URLs and entities, mixed with
// arbitrary Unicode (lone surrogates and control characters included).
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc
    .array(
      fc.constantFrom(
        '<script>alert(1)</script>',
        '<img src=x onerror=alert(1)>',
        '<a href="javascript:alert(1)">',
        '</a>',
        '</div>',
        '<b>',
        '" onclick="alert(1)',
        "' onmouseover='alert(1)",
        'javascript:',
        ' JaVaScRiPt:',
        '\u0000javascript:',
        'data:text/html,<x>',
        '&amp;',
        '&lt;',
        '&#60;',
        '&',
        '"',
        "'",
        '=',
        '>',
        '<',
        '\n',
        '\r',
        '\t',
        ' ',
        'x',
        'https://',
        '🙂',
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join('')),
);

/** The same string with every character but line breaks made harmless: the markup it should get. */
const harmless = (s: string) => s.replace(/[^\r\n]/g, 'x');

/** No href and no attribute anywhere whose value a browser would run. */
function expectNoScriptUrls(html: string) {
  for (const tag of tagsOf(html)) {
    for (const [name, value] of Object.entries(tag.attributes)) {
      expect(name).not.toMatch(/^on/i);
      if (name === 'href') expect(value).toMatch(/^https?:\/\//);
    }
  }
}

describe('web chat HTML: text never becomes markup', () => {
  it('plain, bold and italic spans add only their own tags and read back as written', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        expect(tagNames(richTextToHtml([text(s)]))).toEqual(tagNames(richTextToHtml([text(harmless(s))])));
        for (const span of [text(s), bold(s), italic(s)]) {
          const html = richTextToHtml([span]);
          expect(htmlProblems(html)).toEqual([]);
          expect(visibleText(html)).toBe(s.replace(/\r\n|\r/g, '\n'));
        }
        expect(tagNames(richTextToHtml([code(s)]))).toEqual(['code', '/code']);
        expect(tagNames(richTextToHtml([pre(s)]))).toEqual(['pre', '/pre']);
        expect(visibleText(richTextToHtml([pre(s)]))).toBe(s);
      }),
    );
  });

  it('links: only http(s) addresses become an href; any other shows as text', () => {
    fc.assert(
      fc.property(hostile, hostile, (url, label) => {
        for (const candidate of [url, `https://example.com/${url}`, `javascript:${url}`, ` https://x${url}`]) {
          const html = richTextToHtml([link(candidate, label)]);
          expect(htmlProblems(html)).toEqual([]);
          expectNoScriptUrls(html);
          const anchors = tagsOf(html).filter((t) => t.name === 'a' && !t.closing);
          if (!/^https?:\/\//i.test(candidate)) expect(anchors).toEqual([]);
          for (const a of anchors) expect(a.attributes).toMatchObject({ target: '_blank', rel: 'noopener' });
        }
      }),
    );
    expect(richTextToHtml([link('javascript:alert(1)', 'go')])).toBe('go (javascript:alert(1))');
    expect(richTextToHtml([link('https://console.cloud.google.com/logs?q="a"&b=<c>', 'logs')])).toBe(
      '<a href="https://console.cloud.google.com/logs?q=%22a%22&amp;b=%3Cc%3E" target="_blank" rel="noopener">logs</a>',
    );
  });

  it('mentions, spaces, groups, dates and emoji', () => {
    expect(richTextToHtml([mention(principalId('web', 'alice'))])).toBe('<span class="mention">@alice</span>');
    expect(richTextToHtml([mention(principalId('slack', 'U012AB3CD'))])).toBe(
      '<span class="mention">slack:U012AB3CD</span>',
    );
    expect(richTextToHtml([{ kind: 'space', platform: 'web', space: 'play<ground>' }])).toBe(
      '<span class="space">#play&lt;ground&gt;</span>',
    );
    expect(richTextToHtml([{ kind: 'group', platform: 'slack', group: 'S0"AB' }])).toBe(
      '<span class="group">@S0&quot;AB</span>',
    );
    expect(richTextToHtml([date(Date.UTC(2030, 0, 2, 3, 4, 5))])).toBe(
      '<time datetime="2030-01-02T03:04:05.000Z">2030-01-02 03:04:05 UTC</time>',
    );
    expect(richTextToHtml([date(Number.NaN)])).toBe('an unknown time');
    expect(richTextToHtml([{ kind: 'emoji', name: 'white_check_mark' }])).toBe('✅');
  });

  it('a whole document with hostile text in every block keeps the markup of harmless text', () => {
    const doc = (s: string, button: Partial<Button> = {}): MessageDocument => {
      const blocks: DocumentBlock[] = [
        { type: 'header', text: s, emoji: 'warning' },
        { type: 'text', text: [text(s), bold(s), link(s, s)] },
        { type: 'fields', fields: [[text(s)], [italic(s)]] },
        { type: 'lines', lines: [[text(s)], [code(s)], [pre(s)]] },
        { type: 'code', lines: [s, s] },
        { type: 'context', text: [text(s)] },
        { type: 'divider' },
        {
          type: 'buttons',
          buttons: [
            { label: s, action: s, value: s, style: 'primary', ...button },
            { label: s, action: 'imagestream_deny', value: s, style: 'danger' },
            { label: s, action: 'open', url: s },
          ],
        },
      ];
      return { summary: [text(s)], blocks, cut: [text(s)] };
    };
    fc.assert(
      fc.property(hostile, (s) => {
        const html = documentToHtml(doc(s));
        expect(htmlProblems(html)).toEqual([]);
        expectNoScriptUrls(html);
        // Same tags as for harmless text, apart from links and buttons (an href only for an http(s) URL).
        const links = ['a', '/a', 'span', '/span', 'button', '/button', 'br'];
        const structure = (h: string) => tagNames(h).filter((t) => !links.includes(t));
        expect(structure(html)).toEqual(structure(documentToHtml(doc(harmless(s)))));
        // The link button: an anchor to a web address, or a disabled button showing the address.
        const linkButtons = tagsOf(html).filter((t) => !t.closing && t.attributes.class === 'link-button');
        expect(linkButtons).toHaveLength(1);
        if (linkButtons[0]!.name === 'button')
          expect(linkButtons[0]!.attributes).toMatchObject({ disabled: '', title: s });
        // Buttons carry back exactly what the document said.
        const buttons = tagsOf(html).filter((t) => t.name === 'button' && !t.closing && 'data-action' in t.attributes);
        expect(buttons.map((b) => [b.attributes['data-action'], b.attributes['data-value']])).toEqual([
          [s, s],
          ['imagestream_deny', s],
        ]);
      }),
    );
  });

  it('buttons: action and value in data attributes, styles as classes, links only to http(s)', () => {
    const html = documentToHtml({
      summary: [],
      blocks: [
        {
          type: 'buttons',
          buttons: [
            { label: 'Approve', action: 'imagestream_approve', value: 'req-1', style: 'primary' },
            { label: 'Deny', action: 'imagestream_deny', value: 'req-1', style: 'danger' },
            { label: 'Check', action: 'imagestream_fix_run_check' },
            { label: 'Quota', action: 'q', url: 'https://console.cloud.google.com/iam-admin/quotas?project=a&b=c' },
            { label: 'Evil', action: 'e', url: 'javascript:alert(1)' },
          ],
        },
      ],
    });
    expect(html).toBe(
      '<div class="doc-buttons">' +
        '<button type="button" class="action primary" data-action="imagestream_approve" data-value="req-1">Approve</button>' +
        '<button type="button" class="action danger" data-action="imagestream_deny" data-value="req-1">Deny</button>' +
        '<button type="button" class="action" data-action="imagestream_fix_run_check" data-value="">Check</button>' +
        '<a class="link-button" href="https://console.cloud.google.com/iam-admin/quotas?project=a&amp;b=c" target="_blank" rel="noopener">Quota</a>' +
        '<button type="button" class="link-button" disabled title="javascript:alert(1)">Evil</button>' +
        '</div>',
    );
    expect(htmlProblems(html)).toEqual([]);
  });

  it('a one-paragraph message shows its summary', () => {
    expect(documentToHtml({ summary: [text('Unknown cluster <x>'), bold('!')], blocks: [] })).toBe(
      '<div class="doc-text">Unknown cluster &lt;x&gt;<strong>!</strong></div>',
    );
  });
});
