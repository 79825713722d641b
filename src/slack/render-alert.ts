import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import { CLASS_ADVICE } from '../classifier/class-advice';
import { contextBlock, headerBlock, sectionBlock } from './block-builders';
import { codeSpan } from './code-span';
import { cutText } from './cut-text';
import { slackDate } from './slack-date';
import { SlackMessage, escapeMrkdwn, fitMessage } from './slack-message';

/** The gcfsd error classes that raise an alert (DOMAIN.md "gcfsd errors and their fixes"). */
export type AlertViewClass =
  'permission_denied' | 'quota_exceeded' | 'failed_precondition' | 'invalid_argument' | 'symlink_rename';

/** What an alert message shows (an AlertState of src/alerts fits). */
export interface AlertView {
  /** The alert id: every button's value. */
  id: string;
  key: { project: string; cluster: string; class: AlertViewClass };
  location: string | null;
  count: number;
  /** The first distinct nodes seen. */
  nodes: string[];
  nodesTotal: number;
  /** ISO times. */
  firstSeen: string;
  lastSeen: string;
  sample: {
    message: string;
    insertId: string;
    node: string | null;
    image?: string;
    quota?: { metric: string; limit: string };
  };
  /** Epoch ms; muted until then. */
  mutedUntil?: number;
}

/** action_ids of the fix buttons; the value of each is the alert id. */
export const ALERT_ACTION_IDS = {
  replacePool: 'imagestream_fix_replace_pool',
  showGcloud: 'imagestream_fix_show_gcloud',
  quota: 'imagestream_fix_quota',
  /** A link button: Slack still sends a click, which only needs an ack. */
  quotaConsole: 'imagestream_fix_quota_console',
  upgradePool: 'imagestream_fix_upgrade_pool',
  disablePool: 'imagestream_fix_disable_pool',
  retryCheck: 'imagestream_fix_retry_check',
  runCheck: 'imagestream_fix_run_check',
  mute1h: 'imagestream_mute_1h',
  mute24h: 'imagestream_mute_24h',
} as const;

/** block_id of the alert's buttons. */
export const ALERT_BLOCK_ID = 'imagestream_alert';

const TITLES: Record<AlertViewClass, string> = {
  permission_denied: 'Image streaming: nodes lack the storage read scope',
  quota_exceeded: 'Image streaming: Container File System quota exceeded',
  failed_precondition: 'Image streaming: image not yet imported',
  invalid_argument: 'Image streaming: image not eligible',
  symlink_rename: 'Image streaming: symlink rename failures',
};

// The sample line is remote text: cut well inside a section so the rest of the message fits.
const SAMPLE_MAX = 1200;
const NODES_SHOWN = 10;

/**
 * The alert posted for a new problem and re-rendered as it grows (chat.update): what happened,
 * where, the sample log line, what it means and the fix (CLASS_ADVICE), and the class's buttons.
 */
export function renderAlert(alert: AlertView): SlackMessage {
  const { key } = alert;
  const advice = CLASS_ADVICE[key.class];
  const where = `${codeSpan(key.cluster)}${alert.location ? ` in ${codeSpan(alert.location)}` : ''}, project ${codeSpan(key.project)}`;
  const blocks: KnownBlock[] = [
    headerBlock(TITLES[key.class]),
    sectionBlock(
      `*${times(alert.count)}* on cluster ${where}\n` +
        `Nodes: ${nodesLine(alert)}\n` +
        `First seen ${isoDate(alert.firstSeen)}, last seen ${isoDate(alert.lastSeen)}` +
        (alert.sample.image ? `\nImage: ${codeSpan(alert.sample.image)}` : '') +
        (alert.sample.quota
          ? `\nQuota: ${escapeMrkdwn(alert.sample.quota.limit)} (metric ${escapeMrkdwn(alert.sample.quota.metric)})`
          : ''),
    ),
    sectionBlock(`Sample log line (insertId ${codeSpan(alert.sample.insertId)}):\n${codeBlock(alert.sample.message)}`),
    sectionBlock(`*What it means:* ${escapeMrkdwn(advice.meaning)}\n*Fix:* ${escapeMrkdwn(advice.fix)}`),
  ];
  if (alert.mutedUntil !== undefined && alert.mutedUntil > 0) {
    blocks.push(
      contextBlock(`:mute: Muted until ${slackDate(alert.mutedUntil)}: later entries update this message only.`),
    );
  }
  blocks.push(buttons(alert));
  const text = `${TITLES[key.class]}: ${times(alert.count)} on ${escapeMrkdwn(key.cluster)}, project ${escapeMrkdwn(key.project)}`;
  return fitMessage({ text, blocks }, '… cut: `/imagestream errors CLUSTER` lists the entries');
}

/** The short reply in the alert's thread once its window is over and the problem goes on. */
export function renderStillHappening(alert: AlertView, count: number): SlackMessage {
  const text = `Still happening: ${count} more in the last window on ${escapeMrkdwn(alert.key.cluster)} (last seen ${isoDate(alert.lastSeen)}).`;
  const muted =
    alert.mutedUntil !== undefined && alert.mutedUntil > 0 ? ` Muted until ${slackDate(alert.mutedUntil)}.` : '';
  return fitMessage({ text, blocks: [sectionBlock(`:repeat: ${text}${muted}`)] }, '…');
}

function buttons(alert: AlertView): ActionsBlock {
  const id = alert.id;
  const button = (actionId: string, text: string, style?: 'primary' | 'danger'): Button => ({
    type: 'button',
    action_id: actionId,
    value: id,
    text: { type: 'plain_text', text },
    ...(style ? { style } : {}),
  });
  const fixes: Button[] = [];
  switch (alert.key.class) {
    case 'permission_denied':
      fixes.push(
        button(ALERT_ACTION_IDS.replacePool, 'Create replacement node pool with the storage read scope', 'primary'),
        button(ALERT_ACTION_IDS.showGcloud, 'Show gcloud command'),
      );
      break;
    case 'quota_exceeded':
      fixes.push(button(ALERT_ACTION_IDS.quota, 'Request quota increase', 'primary'), {
        type: 'button',
        action_id: ALERT_ACTION_IDS.quotaConsole,
        text: { type: 'plain_text', text: 'Open quotas in the console' },
        url: quotaConsoleUrl(alert.key.project),
      });
      break;
    case 'symlink_rename':
      fixes.push(
        button(ALERT_ACTION_IDS.upgradePool, 'Upgrade node pool to a fixed patch', 'primary'),
        button(ALERT_ACTION_IDS.disablePool, 'Disable image streaming on this pool', 'danger'),
      );
      break;
    case 'failed_precondition':
      fixes.push(button(ALERT_ACTION_IDS.retryCheck, 'Retry check in 5 min'));
      break;
    case 'invalid_argument':
      if (alert.sample.image) fixes.push(button(ALERT_ACTION_IDS.runCheck, 'Run eligibility check'));
      break;
  }
  return {
    type: 'actions',
    block_id: ALERT_BLOCK_ID,
    elements: [
      ...fixes,
      button(ALERT_ACTION_IDS.mute1h, 'Mute this problem for 1 h'),
      button(ALERT_ACTION_IDS.mute24h, 'Mute this problem for 24 h'),
    ],
  };
}

/** The console's quota page of the project, filtered to the Container File System API. */
export function quotaConsoleUrl(project: string): string {
  return `https://console.cloud.google.com/iam-admin/quotas?project=${encodeURIComponent(project)}&service=containerfilesystem.googleapis.com`;
}

function times(count: number): string {
  return count === 1 ? '1 error' : `${count} errors`;
}

function nodesLine(alert: AlertView): string {
  if (alert.nodes.length === 0) return 'none named';
  const shown = alert.nodes.slice(0, NODES_SHOWN).map(codeSpan).join(', ');
  const more = Math.max(alert.nodesTotal, alert.nodes.length) - Math.min(alert.nodes.length, NODES_SHOWN);
  return more > 0 ? `${shown} and ${more} more` : shown;
}

// A code block cannot hold three backticks in a row; escaping still applies inside.
function codeBlock(text: string): string {
  const safe = escapeMrkdwn(text).replace(/```/g, 'ˋˋˋ');
  return `\`\`\`\n${cutText(safe.length > 0 ? safe : ' ', SAMPLE_MAX)}\n\`\`\``;
}

function isoDate(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? slackDate(ms) : escapeMrkdwn(iso.slice(0, 40));
}
