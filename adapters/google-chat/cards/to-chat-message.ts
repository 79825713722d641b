import type { MessageDocument } from '../../../src/chat/message-document';
import { text as plain } from '../../../src/chat/rich-text';
import { shorten } from '../../../src/render/shorten';
import { blockToWidgets, headerTitle } from './block-to-widgets';
import type { ChatMessageBody } from './chat-message-body';
import { CHAT_LIMITS } from './chat-limits';
import { type Widget, paragraph } from './card-widgets';
import { chatTextWithin } from './chat-text-within';
import { cutCardHtml } from './cut-card-html';
import { cardPlainText } from './escape-card-html';
import { fitWidgets } from './fit-widgets';
import { toCardHtml } from './to-card-html';
import { toChatText } from './to-chat-text';
import { toPlainText } from './to-plain-text';
import { jsonBytes } from './widget-count';

/** The id of the one card of every message (a patch replaces it by the same id). */
export const CARD_ID = 'imagestream';

/**
 * A neutral message as Google Chat shows it: a document with no blocks is a text message (its
 * summary in Chat's text format); any other is one card (Cards v2) with the summary as the
 * notification text. Either is fitted within Chat's limits (CHAT_LIMITS): a message that would not
 * fit is cut, keeps its closing buttons, and says where to read the rest (the document's `cut`).
 */
export function toChatMessage(doc: MessageDocument): ChatMessageBody {
  const cut = doc.cut ?? [plain('…')];
  if (doc.blocks.length === 0) {
    const pointer = shorten(toChatText(cut), CHAT_LIMITS.pointerChars);
    return { text: chatTextWithin(doc.summary, CHAT_LIMITS.textChars, pointer), markupSyntax: 'MARKUP_SYNTAX_CHAT' };
  }
  return cardMessage(doc, cutCardHtml(toCardHtml(cut), CHAT_LIMITS.pointerChars));
}

function cardMessage(doc: MessageDocument, pointer: string): ChatMessageBody {
  const [first, ...rest] = doc.blocks;
  const opening = first!.type === 'header' ? first : undefined;
  const body = opening ? rest : doc.blocks;
  const last = body[body.length - 1];
  const closing = last?.type === 'buttons' ? [last] : [];
  const content = body.slice(0, body.length - closing.length);

  let widgets = content.flatMap((block) => blockToWidgets(block, pointer));
  const closingWidgets = closing.flatMap((block) => blockToWidgets(block, pointer));
  // A section needs a widget: a card of a header alone shows the summary under it.
  if (widgets.length === 0 && closingWidgets.length === 0) widgets = [paragraph(toCardHtml(doc.summary), pointer)];

  const fallbackText = shorten(toPlainText(doc.summary), CHAT_LIMITS.fallbackChars);
  const header = opening
    ? { title: cardPlainText(shorten(headerTitle(opening), CHAT_LIMITS.headerChars)) || '-' }
    : undefined;
  const message = (sectionWidgets: Widget[]): ChatMessageBody => ({
    text: '',
    fallbackText,
    cardsV2: [{ cardId: CARD_ID, card: { ...(header ? { header } : {}), sections: [{ widgets: sectionWidgets }] } }],
  });
  const fitted = fitWidgets({ widgets, closing: closingWidgets, pointer: paragraph(pointer, pointer) }, (candidate) =>
    jsonBytes(message(candidate)),
  );
  return message(fitted);
}
