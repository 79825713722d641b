import { toSlackMessage } from '../../adapters/slack/block-kit/to-slack-message';
import type { ClusterStatus } from '../gke/read-cluster-status';
import { clusterStatusMessage } from '../render/cluster-status-message';
import type { SlackMessage } from './slack-message';

/** `/imagestream status` in Block Kit (src/render/cluster-status-message.ts builds it). */
export function renderClusterStatus(status: ClusterStatus): SlackMessage {
  return toSlackMessage(clusterStatusMessage(status));
}
