import type { ApprovalRequest } from '../../../src/approvals/approval-request';
import { approvalView } from '../../../src/approvals/approval-view';
import type { AlertState } from '../../../src/alerts/problem';
import { alertMessage } from '../../../src/render/alert-message';
import { approvalMessage } from '../../../src/render/approval-message';
import { documentToHtml } from '../html/document-to-html';

/** What the Home shows: the web chat's pending requests and open alerts. */
export interface WebHomeState {
  pending: ApprovalRequest[];
  alerts: AlertState[];
  /** Lines about what was left out. */
  notes: string[];
}

/**
 * The Home as HTML: each pending request and each open alert as its own message shows it (the
 * core's neutral documents through the same renderer as the channel, with the same buttons).
 * Everything here is either fixed markup or documentToHtml's escaped output.
 */
export function renderHome(state: WebHomeState): string {
  const approvals = state.pending.map(
    (request) =>
      `<div class="home-item home-approval" data-request="${escapeAttribute(request.id)}">${documentToHtml(approvalMessage(approvalView(request)))}</div>`,
  );
  const alerts = state.alerts.map(
    (alert) =>
      `<div class="home-item home-alert" data-alert="${escapeAttribute(alert.id)}">${documentToHtml(alertMessage(alert))}</div>`,
  );
  return [
    section('home-approvals', 'Pending approvals', approvals, 'No pending approvals.'),
    section('home-alerts', 'Open alerts', alerts, 'No open alerts.'),
    ...state.notes.map((note) => `<p class="home-note">${escapeText(note)}</p>`),
  ].join('\n');
}

function section(className: string, title: string, items: string[], empty: string): string {
  const body = items.length > 0 ? items.join('\n') : `<p class="home-empty">${escapeText(empty)}</p>`;
  return `<section class="${className}"><h2>${escapeText(title)}</h2>\n${body}\n</section>`;
}

// Ids have a safe shape already; escaped anyway, so this file never trusts what it was handed.
function escapeText(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const escapeAttribute = escapeText;
