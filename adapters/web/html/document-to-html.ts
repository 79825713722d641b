import type { DocumentBlock, MessageDocument } from '../../../src/chat/message-document';
import { EMOJI } from '../../../src/chat/rich-text';
import { buttonToHtml } from './button-to-html';
import { escapeHtml, htmlText } from './escape-html';
import { richTextToHtml } from './rich-text-to-html';

/**
 * A neutral message document as the HTML the playground's page shows inside a message: one element
 * per block, classed `doc-…` for the page's style sheet. The web has no size limits the bot must
 * respect, so nothing is cut and `cut` is never shown. Blocks are `div`s rather than `p`s because a
 * `pre` span inside a `p` would make the browser close the paragraph early.
 */
export function documentToHtml(doc: MessageDocument): string {
  // A message of one paragraph (textMessage) has no blocks: its summary is its text.
  if (doc.blocks.length === 0) return `<div class="doc-text">${richTextToHtml(doc.summary)}</div>`;
  return doc.blocks.map(blockToHtml).join('');
}

function blockToHtml(block: DocumentBlock): string {
  switch (block.type) {
    case 'header': {
      const emoji = block.emoji ? `${escapeHtml(EMOJI[block.emoji] ?? '')} ` : '';
      return `<h3 class="doc-header">${emoji}${htmlText(block.text)}</h3>`;
    }
    case 'text':
      return `<div class="doc-text">${richTextToHtml(block.text)}</div>`;
    case 'context':
      return `<div class="doc-context">${richTextToHtml(block.text)}</div>`;
    case 'fields':
      return `<div class="doc-fields">${block.fields.map((f) => `<div class="doc-field">${richTextToHtml(f)}</div>`).join('')}</div>`;
    case 'lines':
      return `<ul class="doc-lines">${block.lines.map((l) => `<li>${richTextToHtml(l)}</li>`).join('')}</ul>`;
    case 'code':
      return `<pre class="doc-code"><code>${escapeHtml(block.lines.join('\n'))}</code></pre>`;
    case 'divider':
      return '<hr class="doc-divider">';
    case 'buttons':
      return `<div class="doc-buttons">${block.buttons.map(buttonToHtml).join('')}</div>`;
  }
}
