import type { ApprovalAction, ApprovalState, FixParams } from '../approvals/approval-request';
import type { PrincipalId } from '../chat/principal-id';
import type { DocumentBlock, MessageDocument } from '../chat/message-document';
import { type RichText, bold, code, date, emoji, joinRich, mention, rich } from '../chat/rich-text';
import { CONTENT_QUOTAS, STREAMING_SCOPE } from '../classifier/class-advice';

export type { ApprovalState } from '../approvals/approval-request';

/** Action id of the Approve button (the action handler listens for it). */
export const APPROVE_ACTION_ID = 'imagestream_approve';
/** Action id of the Deny button. */
export const DENY_ACTION_ID = 'imagestream_deny';
/** The group (Slack block_id) of the buttons. */
export const APPROVAL_BLOCK_ID = 'imagestream_approval';

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
  /** Who asked. */
  requestedBy: PrincipalId;
  state: ApprovalState;
  /** Who approved or denied. */
  decidedBy?: PrincipalId;
  /** While running: what the operation is doing. */
  progress?: string;
  /** When done: what the re-read shows; when failed: the API's error. */
  result?: string;
  /** Epoch ms after which the request can no longer be approved. */
  expiresAt: number;
}

/** What each approval action is called (approval messages and the App Home). */
export const ACTION_TITLES: Record<ApprovalAction, string> = {
  enable: 'Enable image streaming',
  disable: 'Disable image streaming',
  'replace-pool': 'Create replacement node pool',
  'upgrade-pool': 'Upgrade node pool',
  'disable-pool': 'Disable image streaming on node pool',
  'quota-increase': 'Request quota increase',
  'setup-alerts': 'Set up the alert sink',
};

const TITLE: Record<ApprovalState, string> = {
  pending: 'approval needed',
  approved: 'approved, queued',
  denied: 'denied',
  expired: 'expired',
  running: 'running',
  done: 'done',
  failed: 'failed',
};

const onOff = (on: boolean): string => (on ? 'on' : 'off');

/**
 * The approval request posted in the channel, and each later version of it (message update): while
 * pending, Approve and Deny buttons carrying the request id; after that, no buttons, who decided,
 * and queued -> running -> done / failed.
 */
export function approvalMessage(view: ApprovalView): MessageDocument {
  const verb = ACTION_TITLES[view.action];
  const pools = view.change.poolsAffected.length > 0 ? view.change.poolsAffected.join(', ') : 'none';
  const blocks: DocumentBlock[] = [
    { type: 'header', text: `${verb}: ${TITLE[view.state]}` },
    {
      type: 'text',
      text: rich`${bold(verb)} on ${view.target}\n${describeChange(view)}\nNode pools affected: ${pools}\nRequested by ${mention(view.requestedBy)}`,
    },
  ];
  if (view.change.notes.length > 0) {
    blocks.push({
      type: 'context',
      text: joinRich(
        view.change.notes.map((note) => rich`${emoji('information_source')} ${note}`),
        '\n',
      ),
    });
  }
  blocks.push({ type: 'text', text: stateLine(view) });
  if (view.state === 'pending') blocks.push(approvalButtonsBlock(view.id));
  return {
    summary: rich`${verb} on ${view.target}: ${TITLE[view.state]}`,
    blocks,
    cut: rich`… cut: ${code('/imagestream audit')} has the full history`,
  };
}

/**
 * Approve and Deny, each carrying the request id (decide-request handles both, wherever they are).
 * `group` must be unique within a message or view: the Slack App Home, listing several requests,
 * gives each its own.
 */
export function approvalButtonsBlock(requestId: string, group: string = APPROVAL_BLOCK_ID): DocumentBlock {
  return {
    type: 'buttons',
    group,
    buttons: [
      { label: 'Approve', action: APPROVE_ACTION_ID, value: requestId, style: 'primary' },
      { label: 'Deny', action: DENY_ACTION_ID, value: requestId, style: 'danger' },
    ],
  };
}

/** What will change, in one or two lines: the part of the message an approver decides on. */
function describeChange(view: ApprovalView): RichText {
  const pool = view.pool ?? 'the pool';
  const params = (view.params ?? {}) as Partial<Record<string, unknown>>;
  const param = (key: string, fallback: string): string =>
    typeof params[key] === 'string' ? (params[key] as string) : fallback;
  switch (view.action) {
    case 'replace-pool': {
      const newPool = param('newPool', 'a new pool');
      return rich`Create node pool ${bold(newPool)} copying ${bold(pool)} with scope ${code(STREAMING_SCOPE)} added, image type COS_CONTAINERD and image streaming on.
${bold(pool)} itself is not changed (its scopes cannot change): workloads must then move to ${newPool} (cordon and drain the nodes of ${pool}).`;
    }
    case 'upgrade-pool':
      return rich`Node version of ${bold(pool)}: ${bold(`${param('fromVersion', 'current')} → ${param('version', '?')}`)} (the first patch of its minor with the symlink rename fix). The operation upgrades the pool's nodes.`;
    case 'disable-pool':
      return rich`Image streaming on ${bold(pool)}: ${bold(`${onOff(view.change.from)} → ${onOff(view.change.to)}`)} (mitigation for the symlink rename bug; images are then pulled whole).`;
    case 'quota-increase': {
      const multiple = typeof params.multiple === 'number' ? String(params.multiple) : '?';
      return rich`Ask Cloud Quotas for ${bold(`${multiple}×`)} the current value, in region ${bold(param('region', '?'))}, of the containerfilesystem.googleapis.com quotas "${CONTENT_QUOTA_NAMES}".
Justification: ${param('justification', '-')}`;
    }
    case 'setup-alerts':
      return rich`Create Pub/Sub topic ${bold(param('topic', '?'))}, subscription ${bold(param('subscription', '?'))} (ack deadline 60 s, retention 1 day), Cloud Logging sink ${bold(param('sink', '?'))} sending gcfsd errors to the topic, and grant the sink's writer identity publish rights (roles/pubsub.publisher) on the topic.
What already exists is reused.`;
    default:
      return rich`Image streaming: ${bold(`${onOff(view.change.from)} → ${onOff(view.change.to)}`)}`;
  }
}

const CONTENT_QUOTA_NAMES = CONTENT_QUOTAS.join('" and "');

function stateLine(view: ApprovalView): RichText {
  const by = view.decidedBy !== undefined ? [mention(view.decidedBy)] : rich`an approver`;
  const detail = (value: string | undefined): RichText => (value ? rich`: ${value}` : []);
  switch (view.state) {
    case 'pending':
      return rich`${emoji('hourglass')} Waiting for an approver. Expires ${date(view.expiresAt)}.`;
    case 'approved':
      return rich`${emoji('white_check_mark')} Approved by ${by}. Queued.`;
    case 'denied':
      return rich`${emoji('no_entry')} Denied by ${by}. Nothing was changed.`;
    case 'expired':
      return rich`${emoji('hourglass')} Expired: nobody approved it in time. Nothing was changed: run the command again.`;
    case 'running':
      return rich`Approved by ${by}.\n${emoji('gear')} Running${detail(view.progress)}`;
    case 'done':
      return rich`Approved by ${by}.\n${emoji('white_check_mark')} Done${detail(view.result)}`;
    case 'failed':
      return rich`Approved by ${by}.\n${emoji('x')} Failed${detail(view.result)}\nCheck the error, then run the command again.`;
  }
}
