import { toSlackMessage } from '../block-kit/to-slack-message';
import type { ClusterStatus } from '../../../src/gke/read-cluster-status';
import { clusterStatusMessage } from '../../../src/render/cluster-status-message';
import type { SlackMessage } from '../block-kit/slack-message';

/** `/imagestream status` in Block Kit (src/render/cluster-status-message.ts builds it). */
export function renderClusterStatus(status: ClusterStatus): SlackMessage {
  return toSlackMessage(clusterStatusMessage(status));
}
