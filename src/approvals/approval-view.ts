import { ApprovalRequest } from './approval-request';
import { ApprovalView } from '../slack/render-approval';

/** What the approval message shows, from the stored request. */
export function approvalView(request: ApprovalRequest): ApprovalView {
  return {
    id: request.id,
    action: request.action,
    target: describeTarget(request.target),
    ...(request.target.pool !== undefined ? { pool: request.target.pool } : {}),
    ...(request.params !== undefined ? { params: request.params } : {}),
    change: request.change,
    requestedBy: request.requestedBy,
    state: request.state,
    decidedBy: request.decidedBy,
    progress: request.progress,
    result: request.result,
    expiresAt: request.expiresAt,
  };
}

/** The placeholder cluster of a setup-alerts request (it is about a project, not a cluster). */
export const SETUP_ALERTS_CLUSTER = 'setup-alerts';

/** "prod-1 (pool web) in us-east1, project acme" */
export function describeTarget(t: ApprovalRequest['target']): string {
  if (t.cluster === SETUP_ALERTS_CLUSTER && t.location === 'global') return `project ${t.project}`;
  return `${t.cluster}${t.pool ? ` (pool ${t.pool})` : ''} in ${t.location}, project ${t.project}`;
}
