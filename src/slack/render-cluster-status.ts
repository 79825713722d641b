import type { KnownBlock } from '@slack/types';
import { contextBlock, headerBlock, sectionBlock } from './block-builders';
import { codeSpan } from './code-span';
import type { ClusterRef } from '../gke/cluster-ref';
import type { ClusterStatus, PoolStatus } from '../gke/read-cluster-status';
import { packLines } from './pack-lines';
import { SLACK_LIMITS, SlackMessage, escapeMrkdwn, fitMessage } from './slack-message';

const onOff = (on: boolean): string => (on ? 'on' : 'off');

/**
 * `/imagestream status`: the cluster-level setting, then one line per node pool (streaming, whether
 * the pool set it or follows the cluster, GKE version, image type) with its warnings under it.
 */
export function renderClusterStatus(status: ClusterStatus): SlackMessage {
  const { ref } = status;
  const kind = status.autopilot ? 'Autopilot' : 'Standard';
  const master = status.masterVersion ? codeSpan(status.masterVersion) : '_version unknown_';
  const blocks: KnownBlock[] = [
    headerBlock(`Image streaming on ${ref.cluster}`),
    sectionBlock(
      `${where(ref)}\n${kind} cluster, control plane ${master}\n*Cluster default: ${onOff(status.clusterDefault)}*`,
    ),
  ];
  for (const warning of status.warnings) blocks.push(sectionBlock(`:warning: ${escapeMrkdwn(warning)}`));

  if (status.pools.length === 0) {
    blocks.push(sectionBlock('_No node pools._'));
  } else {
    const lines = status.pools.map(poolLines);
    for (const chunk of packLines(lines, SLACK_LIMITS.sectionText)) blocks.push(sectionBlock(chunk));
  }
  const streaming = status.pools.filter((p) => p.streaming).length;
  blocks.push(contextBlock(`Node pools streaming images: ${streaming} of ${status.pools.length}.`));

  const cluster = escapeMrkdwn(ref.cluster);
  const text = `${cluster}: image streaming ${onOff(status.clusterDefault)} by default, ${streaming} of ${status.pools.length} pools stream`;
  const list = `gcloud container node-pools list --cluster ${ref.cluster} --location ${ref.location} --project ${ref.project}`;
  return fitMessage({ text, blocks }, `… cut: run ${codeSpan(list)} for every pool`);
}

function where(ref: ClusterRef): string {
  return `Cluster ${codeSpan(ref.cluster)} in ${codeSpan(ref.location)}, project ${codeSpan(ref.project)}`;
}

function poolLines(pool: PoolStatus): string {
  const mark = pool.streaming ? ':large_green_circle:' : ':white_circle:';
  const source = pool.source === 'explicit' ? 'set on the pool' : 'follows the cluster';
  const facts = [
    `GKE ${pool.version ? codeSpan(pool.version) : '_unknown_'}`,
    pool.imageType ? codeSpan(pool.imageType) : '_image type unknown_',
  ];
  const head = `${mark} *${escapeMrkdwn(pool.name)}*: ${onOff(pool.streaming)} (${source}) · ${facts.join(' · ')}`;
  return [head, ...pool.warnings.map((w) => `      :warning: ${escapeMrkdwn(w)}`)].join('\n');
}
