import type { KnownBlock, SectionBlock } from '@slack/types';
import type { ClusterStreaming } from '../../../src/gke/list-clusters';
import type { HomeProject } from './home-state';
import { contextBlock, sectionBlock } from '../block-kit/block-builders';
import { codeSpan } from '../block-kit/code-span';
import { cutText } from '../block-kit/cut-text';
import { packLines } from '../block-kit/pack-lines';
import { ALERT_ACTION_IDS, type AlertView } from '../render/render-alert';
import { ACTION_TITLES, type ApprovalView, approvalButtons } from '../render/render-approval';
import { slackDate } from '../block-kit/slack-date';
import { SLACK_LIMITS, escapeMrkdwn } from '../block-kit/slack-message';
import { toMrkdwn } from '../block-kit/to-mrkdwn';
import { mention } from '../../../src/chat/rich-text';

/**
 * Blocks that must stay on one page (a request and its buttons; a cluster and its pools), tagged
 * with the project they belong to so a page that starts mid-project repeats the project header.
 */
export interface HomeUnit {
  project: string;
  blocks: KnownBlock[];
}

// A cluster's pools take at most this many field sections, so one cluster always fits a page.
const MAX_POOL_SECTIONS = 5;

const onOff = (on: boolean): string => (on ? '*on*' : 'off');

/** One project's units, in reading order: clusters, pending approvals, open alerts, mutes in force. */
export function projectUnits(section: HomeProject, now: number): HomeUnit[] {
  const unit = (...blocks: KnownBlock[]): HomeUnit => ({ project: section.project, blocks });
  const units: HomeUnit[] = [];

  if (section.clusters === null) {
    units.push(
      unit(sectionBlock(`:warning: Could not list the clusters: ${escapeMrkdwn(section.error ?? 'unknown error')}`)),
    );
  } else if (section.clusters.length === 0) {
    units.push(unit(contextBlock('No GKE clusters in this project.')));
  } else {
    const streaming = section.clusters.filter((c) => c.clusterDefault || c.pools.some((p) => p.streaming)).length;
    units.push(unit(sectionBlock(`*Clusters* (${section.clusters.length}, ${streaming} with image streaming)`)));
    for (const cluster of section.clusters) units.push(unit(...clusterBlocks(cluster)));
  }
  if (section.missingZones.length > 0) {
    const zones = section.missingZones.slice(0, 20).map(codeSpan).join(', ');
    units.push(unit(contextBlock(`:warning: GKE did not answer for zones ${zones}: their clusters are missing.`)));
  }

  section.approvals.forEach((approval, i) => {
    const blocks = approvalBlocks(approval);
    if (i === 0) blocks.unshift(sectionBlock(`*Pending approvals* (${section.approvals.length})`));
    units.push(unit(...blocks));
  });

  const alerts = section.alerts;
  alerts.forEach((alert, i) => {
    const blocks: KnownBlock[] = [alertBlock(alert, now)];
    if (i === 0) blocks.unshift(sectionBlock(`*Open alerts* (${alerts.length})`));
    units.push(unit(...blocks));
  });

  const mutes = alerts.filter((a) => a.mutedUntil !== undefined && a.mutedUntil > now);
  if (mutes.length > 0) {
    const lines = mutes.map(
      (a) => `:mute: ${className(a)} on ${codeSpan(a.key.cluster)} until ${slackDate(a.mutedUntil!)}`,
    );
    const chunks = packLines(lines, SLACK_LIMITS.sectionText - 100).slice(0, 5);
    units.push(unit(sectionBlock(`*Mutes in force* (${mutes.length})`), ...chunks.map((c) => sectionBlock(c))));
  }
  return units;
}

/** The cluster line (default, location) and its pools as fields, ten to a section. */
function clusterBlocks(cluster: ClusterStreaming): SectionBlock[] {
  const on = cluster.pools.filter((p) => p.streaming).length;
  const kind = cluster.autopilot ? ' · Autopilot' : '';
  const where = cluster.location ? ` in ${codeSpan(cluster.location)}` : '';
  const head =
    `*${escapeMrkdwn(cluster.name)}*${where}${kind}\n` +
    `Cluster default: ${onOff(cluster.clusterDefault)} · ${on} of ${cluster.pools.length} node pools streaming`;
  const max = MAX_POOL_SECTIONS * SLACK_LIMITS.sectionFields;
  const fields = cluster.pools.slice(0, max).map((pool) => ({
    type: 'mrkdwn' as const,
    text: `${pool.streaming ? ':large_green_circle:' : ':white_circle:'} ${codeSpan(pool.name)} ${onOff(pool.streaming)}${pool.source === 'explicit' ? ' (set on the pool)' : ''}`,
  }));
  const blocks: SectionBlock[] = [];
  // The first section holds the cluster line and up to ten pools; the rest hold ten pools each.
  for (let i = 0; i === 0 || i < fields.length; i += SLACK_LIMITS.sectionFields) {
    const part = fields.slice(i, i + SLACK_LIMITS.sectionFields);
    const block: SectionBlock = i === 0 ? sectionBlock(head) : { type: 'section', fields: part };
    if (i === 0 && part.length > 0) block.fields = part;
    blocks.push(block);
  }
  if (cluster.pools.length > max) {
    const last = blocks[blocks.length - 1]!;
    last.text = {
      type: 'mrkdwn',
      text: `…and ${cluster.pools.length - max} more node pools (\`/imagestream status\`)`,
    };
  }
  return blocks;
}

/** The request and the same Approve / Deny buttons as its channel message (decide-request handles both). */
function approvalBlocks(approval: ApprovalView): KnownBlock[] {
  return [
    sectionBlock(
      `*${ACTION_TITLES[approval.action]}* on ${escapeMrkdwn(approval.target)}\n` +
        `Requested by ${toMrkdwn([mention(approval.requestedBy)])} · expires ${slackDate(approval.expiresAt)}`,
    ),
    // block_ids must be unique within a view.
    approvalButtons(approval.id, cutText(`home_approval_${approval.id}`, SLACK_LIMITS.actionId)),
  ];
}

/** Count, class, cluster, last seen and the mute state; unmuted alerts carry the alert's own Mute 1 h button. */
function alertBlock(alert: AlertView, now: number): SectionBlock {
  const where = `${codeSpan(alert.key.cluster)}${alert.location ? ` in ${codeSpan(alert.location)}` : ''}`;
  const seenMs = Date.parse(alert.lastSeen);
  const seen = Number.isFinite(seenMs) ? slackDate(seenMs) : codeSpan(alert.lastSeen);
  const muted = alert.mutedUntil !== undefined && alert.mutedUntil > now;
  const state = muted ? `:mute: muted until ${slackDate(alert.mutedUntil!)}` : ':bell: not muted';
  const block = sectionBlock(
    `:rotating_light: *${className(alert)}* on ${where}: ${alert.count} ${alert.count === 1 ? 'entry' : 'entries'}, last seen ${seen}\n${state}`,
  );
  if (!muted) {
    block.accessory = {
      type: 'button',
      action_id: ALERT_ACTION_IDS.mute1h,
      value: alert.id,
      text: { type: 'plain_text', text: 'Mute 1 h' },
    };
  }
  return block;
}

function className(alert: AlertView): string {
  return alert.key.class.replace(/_/g, ' ');
}
