import fc from 'fast-check';
import { toCardHtml } from '../../../../adapters/google-chat/cards/to-card-html';
import { toChatMessage } from '../../../../adapters/google-chat/cards/to-chat-message';
import { toChatText } from '../../../../adapters/google-chat/cards/to-chat-text';
import type { DocumentBlock, MessageDocument } from '../../../../src/chat/message-document';
import { principalId } from '../../../../src/chat/principal-id';
import { bold, code, italic, link, mention, pre, text } from '../../../../src/chat/rich-text';
import { cardHtmlProblems, chatMessageViolations, paragraphs, tagsOf, visibleText } from './card-checks';

// Strings built to hurt: card HTML, Chat's text markup, mentions, links and entities, mixed with
// arbitrary Unicode (surrogate pairs included).
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc
    .array(
      fc.constantFrom(
        '<b>',
        '</b>',
        '<a href="https://evil.example">',
        '</a>',
        '<font color="#ff0000">',
        '<br>',
        '&amp;',
        '&lt;',
        '&',
        '"',
        "'",
        '<users/all>',
        '<users/123>',
        '<https://evil.example|Google>',
        '*',
        '_',
        '~',
        '`',
        '```',
        '>',
        '<',
        '|',
        '\n',
        ' ',
        'x',
        '🙂',
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join('')),
);

const CHAT_MARKUP = /[<>*_~`]/;

describe('plain text can never become markup, a link or a mention', () => {
  it('in card HTML: plain, bold and italic spans add only their own tags and read back as written', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        expect(tagsOf(toCardHtml([text(s)]))).toEqual(tagsOf(toCardHtml([text(s.replace(/[^\r\n]/g, 'x'))])));
        for (const span of [text(s), bold(s), italic(s)]) {
          const html = toCardHtml([span]);
          expect(cardHtmlProblems(html)).toEqual([]);
          expect(visibleText(html)).toBe(s.replace(/\r\n|\r/g, '\n'));
        }
        const inline = toCardHtml([code(s)]);
        expect(tagsOf(inline)).toEqual(['code', '/code']);
        expect(tagsOf(toCardHtml([pre(s)])).filter((t) => t !== 'br')).toEqual(['pre', '/pre']);
      }),
    );
  });

  it('in Chat’s text format: no markup character survives in plain text, and only real mentions and links', () => {
    const someone = mention(principalId('gchat', 'users/42'));
    fc.assert(
      fc.property(hostile, hostile, (a, b) => {
        expect(toChatText([text(a)])).not.toMatch(CHAT_MARKUP);
        const out = toChatText([text(a), someone, bold(b), link('https://example.com/x', b), italic(a), code(b)]);
        // One mention, one link: exactly the `<` this line wrote itself.
        expect(out.match(/</g)).toHaveLength(2);
        expect(out).toContain('<users/42>');
        expect(out).not.toContain('<users/all>');
        // Monospace is never ended early: the backticks are ours.
        expect(toChatText([code(a)]).match(/`/g)).toHaveLength(2);
        expect(toChatText([pre(a)]).match(/```/g)).toHaveLength(2);
      }),
    );
  });

  it('in a whole card: hostile text in every block kind leaves the markup as it is for harmless text', () => {
    const doc = (s: string): MessageDocument => {
      const blocks: DocumentBlock[] = [
        { type: 'header', text: s },
        { type: 'text', text: [text(s), bold(s)] },
        { type: 'fields', fields: [[text(s)], [italic(s)]] },
        { type: 'lines', lines: [[text(s)], [code(s)]] },
        { type: 'code', lines: [s] },
        { type: 'context', text: [text(s)] },
        { type: 'buttons', buttons: [{ label: s, action: 'imagestream_approve', value: s }] },
      ];
      return { summary: [text(s)], blocks, cut: [text(s)] };
    };
    fc.assert(
      fc.property(hostile, (s) => {
        const body = toChatMessage(doc(s));
        expect(chatMessageViolations(body)).toEqual([]);
        const harmless = toChatMessage(doc(s.replace(/[^\r\n]/g, 'x')));
        expect(paragraphs(body).map(tagsOf)).toEqual(paragraphs(harmless).map(tagsOf));
        expect(body.cardsV2![0]!.card!.header!.title).not.toMatch(/[<>]/);
      }),
    );
  });
});
