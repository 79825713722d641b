import type { AlertStore } from '../../../src/alerts/alert-store';
import type { ApprovalStore } from '../../../src/approvals/approval-store';
import { WEB } from '../web-ids';
import type { WebHomeState } from './render-home';

// As many as Slack's Home lists.
const MAX_APPROVALS = 100;
const MAX_ALERTS = 100;

/**
 * The web chat's pending requests (asked in the playground) and open alerts (sent to it), read
 * from the core's stores as Slack's App Home reads them (adapters/slack/home/read-home-state.ts),
 * without the cluster lists: the channel answers `status` for those. Everyone in the playground
 * is in its one channel, so every viewer sees the same. A Redis failure throws.
 */
export async function readWebHome(stores: {
  approvals: Pick<ApprovalStore, 'listPending'>;
  alerts: Pick<AlertStore, 'listOpen'>;
}): Promise<WebHomeState> {
  const [pending, open] = await Promise.all([
    stores.approvals.listPending(MAX_APPROVALS),
    stores.alerts.listOpen(MAX_ALERTS),
  ]);
  const notes: string[] = [];
  if (pending.length >= MAX_APPROVALS) notes.push(`Only the ${MAX_APPROVALS} requests expiring soonest are listed.`);
  if (open.length >= MAX_ALERTS) notes.push(`Only the ${MAX_ALERTS} most recently active alerts are listed.`);
  return {
    pending: pending.filter((request) => request.conversation.platform === WEB),
    alerts: open.filter((alert) => alert.destination.platform === WEB),
    notes,
  };
}
