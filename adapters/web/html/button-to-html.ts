import type { Button } from '../../../src/chat/message-document';
import { escapeHtml } from './escape-html';
import { webUrl } from './web-url';

/**
 * One neutral button as the page's script expects it: an action as
 * `<button class="action [primary|danger]" data-action=… data-value=…>` (the script posts both back
 * with the message's id; the value is never trusted there either), a link as
 * `<a class="link-button" href=… target=_blank rel=noopener>` when its URL is http(s). A link to any
 * other address shows as a disabled button with the address, so nothing runs when it is clicked.
 */
export function buttonToHtml(button: Button): string {
  const label = escapeHtml(button.label);
  const style = button.style === 'primary' || button.style === 'danger' ? ` ${button.style}` : '';
  if (button.url !== undefined) {
    const href = webUrl(button.url);
    return href === null
      ? `<button type="button" class="link-button${style}" disabled title="${escapeHtml(button.url)}">${label}</button>`
      : `<a class="link-button${style}" href="${escapeHtml(href)}" target="_blank" rel="noopener">${label}</a>`;
  }
  return (
    `<button type="button" class="action${style}" data-action="${escapeHtml(button.action)}" ` +
    `data-value="${escapeHtml(button.value ?? '')}">${label}</button>`
  );
}
