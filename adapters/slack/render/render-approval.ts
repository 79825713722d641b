import type { ActionsBlock } from '@slack/types';
import { toBlocks, toSlackMessage } from '../block-kit/to-slack-message';
import {
  APPROVAL_BLOCK_ID,
  type ApprovalView,
  approvalButtonsBlock,
  approvalMessage,
} from '../../../src/render/approval-message';
import type { SlackMessage } from '../block-kit/slack-message';

// The approval message is built platform-neutral in src/render/approval-message.ts; these names
// stay for the Slack callers until they post documents through the messenger.
export {
  ACTION_TITLES,
  APPROVAL_BLOCK_ID,
  APPROVE_ACTION_ID,
  type ApprovalState,
  type ApprovalView,
  DENY_ACTION_ID,
} from '../../../src/render/approval-message';

/** The approval request as Block Kit (see approvalMessage). */
export function renderApproval(view: ApprovalView): SlackMessage {
  return toSlackMessage(approvalMessage(view));
}

/** Approve and Deny as one Block Kit actions block (the App Home lists them under each request). */
export function approvalButtons(requestId: string, blockId: string = APPROVAL_BLOCK_ID): ActionsBlock {
  return toBlocks(approvalButtonsBlock(requestId, blockId))[0] as ActionsBlock;
}
