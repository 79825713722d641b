import type { AlertState } from '../alerts/problem';
import type { ApprovalRequest } from '../approvals/approval-request';
import type { ScopeTarget } from './access-scope';

/**
 * What an approval request touches: its cluster, or for setup-alerts (target location `global`)
 * the project alone. Checked when it is approved and again when the change runs, so a request made
 * before the allow-list changed cannot run outside it.
 */
export function targetOfRequest(request: Pick<ApprovalRequest, 'action' | 'target'>): ScopeTarget {
  const { project, location } = request.target;
  return request.action === 'setup-alerts' ? { project } : { project, location };
}

/**
 * What an alert's fix button touches: the alert's project, and the cluster where its node runs
 * (the node's zone, or its region for a regional cluster: AccessScope allows a zone when its region
 * is listed). An alert that names no location is the fix job's to refuse (it cannot find the cluster).
 */
export function targetOfAlert(alert: Pick<AlertState, 'key' | 'location'>): ScopeTarget {
  const { project } = alert.key;
  return alert.location ? { project, location: alert.location } : { project };
}
