import type { ActionsBlock, KnownBlock } from '@slack/types';
import { contextBlock, headerBlock, sectionBlock } from './block-builders';
import { mentionUser } from './mention-user';
import { SlackMessage, escapeMrkdwn, fitMessage } from './slack-message';
import { slackDate } from './slack-date';
import type { ApprovalAction, FixParams } from '../approvals/fix-params';
import { CONTENT_QUOTAS, STREAMING_SCOPE } from '../classifier/class-advice';

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
  action: ApprovalAction;
  /** e.g. "prod-1 (pool web) in us-east1, project acme" */
  target: string;
  /** The pool a fix acts on, and the fix's parameters (fixes only). */
  pool?: string;
  params?: FixParams;
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
  const verb = ACTION_TITLES[view.action];
  const target = escapeMrkdwn(view.target);
  const pools = view.change.poolsAffected.length > 0 ? view.change.poolsAffected.map(escapeMrkdwn).join(', ') : 'none';
  const blocks: KnownBlock[] = [
    headerBlock(`${verb}: ${TITLE[view.state]}`),
    sectionBlock(
      `*${verb}* on ${target}\n` +
        `${describeChange(view)}\n` +
        `Node pools affected: ${pools}\n` +
        `Requested by ${mentionUser(view.requestedBy)}`,
    ),
  ];
  if (view.change.notes.length > 0) {
    blocks.push(contextBlock(view.change.notes.map((n) => `:information_source: ${escapeMrkdwn(n)}`).join('\n')));
  }
  blocks.push(sectionBlock(stateLine(view)));
  if (view.state === 'pending') blocks.push(approvalButtons(view.id));

  const text = `${verb} on ${target}: ${TITLE[view.state]}`;
  return fitMessage({ text, blocks }, '… cut: `/imagestream audit` has the full history');
}

/** What each approval action is called in Slack (approval messages and the App Home). */
export const ACTION_TITLES: Record<ApprovalAction, string> = {
  enable: 'Enable image streaming',
  disable: 'Disable image streaming',
  'replace-pool': 'Create replacement node pool',
  'upgrade-pool': 'Upgrade node pool',
  'disable-pool': 'Disable image streaming on node pool',
  'quota-increase': 'Request quota increase',
  'setup-alerts': 'Set up the alert sink',
};

/** What will change, in one or two lines: the part of the message an approver decides on. */
function describeChange(view: ApprovalView): string {
  const pool = escapeMrkdwn(view.pool ?? 'the pool');
  const params = (view.params ?? {}) as Partial<Record<string, unknown>>;
  const text = (key: string, fallback: string) =>
    escapeMrkdwn(typeof params[key] === 'string' ? (params[key] as string) : fallback);
  switch (view.action) {
    case 'replace-pool': {
      const newPool = text('newPool', 'a new pool');
      return (
        `Create node pool *${newPool}* copying *${pool}* with scope \`${STREAMING_SCOPE}\` added, image type COS_CONTAINERD and image streaming on.\n` +
        `*${pool}* itself is not changed (its scopes cannot change): workloads must then move to ${newPool} (cordon and drain the nodes of ${pool}).`
      );
    }
    case 'upgrade-pool':
      return `Node version of *${pool}*: *${text('fromVersion', 'current')} → ${text('version', '?')}* (the first patch of its minor with the symlink rename fix). The operation upgrades the pool's nodes.`;
    case 'disable-pool':
      return `Image streaming on *${pool}*: *${onOff(view.change.from)} → ${onOff(view.change.to)}* (mitigation for the symlink rename bug; images are then pulled whole).`;
    case 'quota-increase': {
      const multiple = typeof params.multiple === 'number' ? params.multiple : '?';
      return (
        `Ask Cloud Quotas for *${multiple}×* the current value, in region *${text('region', '?')}*, of the containerfilesystem.googleapis.com quotas "${CONTENT_QUOTA_NAMES}".\n` +
        `Justification: ${text('justification', '-')}`
      );
    }
    case 'setup-alerts':
      return (
        `Create Pub/Sub topic *${text('topic', '?')}*, subscription *${text('subscription', '?')}* (ack deadline 60 s, retention 1 day), ` +
        `Cloud Logging sink *${text('sink', '?')}* sending gcfsd errors to the topic, and grant the sink's writer identity publish rights (roles/pubsub.publisher) on the topic.\n` +
        'What already exists is reused.'
      );
    default:
      return `Image streaming: *${onOff(view.change.from)} → ${onOff(view.change.to)}*`;
  }
}

const CONTENT_QUOTA_NAMES = CONTENT_QUOTAS.join('" and "');

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

/**
 * Approve and Deny, each carrying the request id (decide-request handles both, wherever they are).
 * `blockId` must be unique within a message or view: the App Home, listing several requests, gives
 * each its own.
 */
export function approvalButtons(requestId: string, blockId: string = APPROVAL_BLOCK_ID): ActionsBlock {
  return {
    type: 'actions',
    block_id: blockId,
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
