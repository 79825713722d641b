import { ApprovalRequest } from './approval-request';
import { type PrincipalId, principalId, storedPrincipalIdSchema } from '../chat/principal-id';
import type { ApprovalView } from '../render/approval-message';

/** What the approval message shows, from the stored request. */
export function approvalView(request: ApprovalRequest): ApprovalView {
  return {
    id: request.id,
    action: request.action,
    target: describeTarget(request.target),
    ...(request.target.pool !== undefined ? { pool: request.target.pool } : {}),
    ...(request.params !== undefined ? { params: request.params } : {}),
    change: request.change,
    requestedBy: storedPrincipal(request.requestedBy),
    state: request.state,
    decidedBy: request.decidedBy !== undefined ? storedPrincipal(request.decidedBy) : undefined,
    progress: request.progress,
    result: request.result,
    expiresAt: request.expiresAt,
  };
}

/**
 * A requester or approver as stored: a principal id, or a bare Slack user id in requests written
 * before the chat seam. The store accepted any Slack-shaped id (`[A-Za-z0-9_-]`); one that is not
 * a user's is still a Slack id, which the Slack adapter shows as plain text rather than a mention.
 */
function storedPrincipal(value: string): PrincipalId {
  const parsed = storedPrincipalIdSchema.safeParse(value);
  return parsed.success ? parsed.data : principalId('slack', value);
}

/** The placeholder cluster of a setup-alerts request (it is about a project, not a cluster). */
export const SETUP_ALERTS_CLUSTER = 'setup-alerts';

/** "prod-1 (pool web) in us-east1, project acme" */
export function describeTarget(t: ApprovalRequest['target']): string {
  if (t.cluster === SETUP_ALERTS_CLUSTER && t.location === 'global') return `project ${t.project}`;
  return `${t.cluster}${t.pool ? ` (pool ${t.pool})` : ''} in ${t.location}, project ${t.project}`;
}
