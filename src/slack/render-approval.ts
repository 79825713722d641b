import type { ActionsBlock, KnownBlock } from '@slack/types';
import { contextBlock, headerBlock, sectionBlock } from './block-builders';
import { mentionUser } from './mention-user';
import { SlackMessage, escapeMrkdwn, fitMessage } from './slack-message';
import { slackDate } from './slack-date';

/** action_id of the Approve button (the action handler listens for it). */
export const APPROVE_ACTION_ID = 'imagestream_approve';
/** action_id of the Deny button. */
export const DENY_ACTION_ID = 'imagestream_deny';
/** block_id of the buttons' block. */
export const APPROVAL_BLOCK_ID = 'imagestream_approval';

/** Where an approval request is in its life. */
export type ApprovalState = 'pending' | 'approved' | 'denied' | 'expired' | 'running' | 'done' | 'failed';

/** What the approval message shows; built from the stored request each time it is (re)rendered. */
export interface ApprovalView {
  /** The request id: the buttons' value. */
  id: string;
  action: 'enable' | 'disable';
  /** e.g. "prod-1 (pool web) in us-east1, project acme" */
  target: string;
  change: { from: boolean; to: boolean; poolsAffected: string[]; notes: string[] };
  /** Slack user id of the requester. */
  requestedBy: string;
  state: ApprovalState;
  /** Slack user id of whoever approved or denied. */
  decidedBy?: string;
  /** While running: what the operation is doing. */
  progress?: string;
  /** When done: what the re-read shows; when failed: the API's error. */
  result?: string;
  /** Epoch ms after which the request can no longer be approved. */
  expiresAt: number;
}

const onOff = (on: boolean): string => (on ? 'on' : 'off');

/**
 * The approval request posted in the channel, and each later version of it (chat.update): while
 * pending, Approve and Deny buttons carrying the request id; after that, no buttons, who decided,
 * and queued -> running -> done / failed.
 */
export function renderApproval(view: ApprovalView): SlackMessage {
  const verb = view.action === 'enable' ? 'Enable' : 'Disable';
  const target = escapeMrkdwn(view.target);
  const pools = view.change.poolsAffected.length > 0 ? view.change.poolsAffected.map(escapeMrkdwn).join(', ') : 'none';
  const blocks: KnownBlock[] = [
    headerBlock(`${verb} image streaming: ${TITLE[view.state]}`),
    sectionBlock(
      `*${verb} image streaming* on ${target}\n` +
        `Image streaming: *${onOff(view.change.from)} → ${onOff(view.change.to)}*\n` +
        `Node pools affected: ${pools}\n` +
        `Requested by ${mentionUser(view.requestedBy)}`,
    ),
  ];
  if (view.change.notes.length > 0) {
    blocks.push(contextBlock(view.change.notes.map((n) => `:information_source: ${escapeMrkdwn(n)}`).join('\n')));
  }
  blocks.push(sectionBlock(stateLine(view)));
  if (view.state === 'pending') blocks.push(buttons(view.id));

  const text = `${verb} image streaming on ${target}: ${TITLE[view.state]}`;
  return fitMessage({ text, blocks }, '… cut: `/imagestream audit` has the full history');
}

const TITLE: Record<ApprovalState, string> = {
  pending: 'approval needed',
  approved: 'approved, queued',
  denied: 'denied',
  expired: 'expired',
  running: 'running',
  done: 'done',
  failed: 'failed',
};

function stateLine(view: ApprovalView): string {
  const by = view.decidedBy !== undefined ? mentionUser(view.decidedBy) : 'an approver';
  const detail = (text: string | undefined): string => (text ? `: ${escapeMrkdwn(text)}` : '');
  switch (view.state) {
    case 'pending':
      return `:hourglass: Waiting for an approver. Expires ${slackDate(view.expiresAt)}.`;
    case 'approved':
      return `:white_check_mark: Approved by ${by}. Queued.`;
    case 'denied':
      return `:no_entry: Denied by ${by}. Nothing was changed.`;
    case 'expired':
      return ':hourglass: Expired: nobody approved it in time. Nothing was changed: run the command again.';
    case 'running':
      return `Approved by ${by}.\n:gear: Running${detail(view.progress)}`;
    case 'done':
      return `Approved by ${by}.\n:white_check_mark: Done${detail(view.result)}`;
    case 'failed':
      return `Approved by ${by}.\n:x: Failed${detail(view.result)}\nCheck the error, then run the command again.`;
  }
}

function buttons(requestId: string): ActionsBlock {
  return {
    type: 'actions',
    block_id: APPROVAL_BLOCK_ID,
    elements: [
      {
        type: 'button',
        action_id: APPROVE_ACTION_ID,
        style: 'primary',
        value: requestId,
        text: { type: 'plain_text', text: 'Approve' },
      },
      {
        type: 'button',
        action_id: DENY_ACTION_ID,
        style: 'danger',
        value: requestId,
        text: { type: 'plain_text', text: 'Deny' },
      },
    ],
  };
}
