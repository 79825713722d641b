import type { AlertState } from '../../../src/alerts/problem';
import type { ApprovalRequest } from '../../../src/approvals/approval-request';
import { principalId } from '../../../src/chat/principal-id';
import { errorMessage } from '../../../src/errors';
import type { ChannelMembers } from './channel-members';

/** What one viewer may see of the pending requests and open alerts, and which channels could not be read. */
export interface VisibleItems {
  pending: ApprovalRequest[];
  alerts: AlertState[];
  /** Channels whose members could not be read (their items are hidden): for the log, not the viewer. */
  unreadable: Array<{ channel: string; error: string }>;
}

/**
 * The Home shows a viewer only the requests and alerts of channels they are a member of, whatever
 * the channel's type: a private channel's request must not reach someone outside it (an approver
 * included: they act from the channel, where they can see it), and a public channel's neither
 * reaches guests outside it. The requester always sees their own requests. A channel whose members
 * cannot be read hides its items (fail closed).
 */
export async function visibleTo(
  viewer: string,
  items: { pending: ApprovalRequest[]; alerts: AlertState[] },
  members: ChannelMembers,
): Promise<VisibleItems> {
  // The Home is Slack's: a request asked on another platform, or an alert sent to another
  // platform's space (a problem routed to both has an alert per destination), is in no Slack channel.
  const self = principalId('slack', viewer);
  const slackPending = items.pending.filter((r) => r.conversation.platform === 'slack');
  const slackAlerts = items.alerts.filter((a) => a.destination.platform === 'slack');
  const channels = new Set([...slackPending.map((r) => r.conversation.space), ...slackAlerts.map(alertChannel)]);
  const inChannel = new Map<string, boolean>();
  const unreadable: VisibleItems['unreadable'] = [];
  await Promise.all(
    [...channels].map(async (channel) => {
      try {
        inChannel.set(channel, (await members(channel)).has(viewer));
      } catch (err) {
        inChannel.set(channel, false);
        unreadable.push({ channel, error: errorMessage(err) });
      }
    }),
  );
  return {
    pending: slackPending.filter((r) => r.requestedBy === self || inChannel.get(r.conversation.space) === true),
    alerts: slackAlerts.filter((a) => inChannel.get(alertChannel(a)) === true),
    unreadable,
  };
}

// Where the alert's message is (or will be) posted.
function alertChannel(alert: AlertState): string {
  return alert.message?.space ?? alert.destination.space;
}
