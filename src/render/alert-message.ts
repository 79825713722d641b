import type { Button, DocumentBlock, MessageDocument } from '../chat/message-document';
import { type RichText, bold, code, date, emoji, joinRich, pre, rich, text } from '../chat/rich-text';
import { CLASS_ADVICE } from '../classifier/class-advice';
import { shorten } from './shorten';

/** The gcfsd error classes that raise an alert (docs/image-streaming.md "gcfsd errors and their fixes"). */
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

/** Action ids of the fix buttons; the value of each is the alert id. */
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

/** The group (Slack block_id) of the alert's buttons. */
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
 * The alert posted for a new problem and re-rendered as it grows (message update): what happened,
 * where, the sample log line, what it means and the fix (CLASS_ADVICE), and the class's buttons.
 */
export function alertMessage(alert: AlertView): MessageDocument {
  const { key } = alert;
  const advice = CLASS_ADVICE[key.class];
  const where = rich`${code(key.cluster)}${alert.location ? rich` in ${code(alert.location)}` : ''}, project ${code(key.project)}`;
  const facts: RichText[] = [
    rich`${bold(times(alert.count))} on cluster ${where}`,
    rich`Nodes: ${nodesLine(alert)}`,
    rich`First seen ${isoDate(alert.firstSeen)}, last seen ${isoDate(alert.lastSeen)}`,
  ];
  if (alert.sample.image) facts.push(rich`Image: ${code(alert.sample.image)}`);
  if (alert.sample.quota) {
    facts.push(rich`Quota: ${alert.sample.quota.limit} (metric ${alert.sample.quota.metric})`);
  }
  const blocks: DocumentBlock[] = [
    { type: 'header', text: TITLES[key.class] },
    { type: 'text', text: joinRich(facts, '\n') },
    {
      type: 'text',
      text: rich`Sample log line (insertId ${code(alert.sample.insertId)}):\n${pre(shorten(alert.sample.message, SAMPLE_MAX))}`,
    },
    { type: 'text', text: rich`${bold('What it means:')} ${advice.meaning}\n${bold('Fix:')} ${advice.fix}` },
  ];
  if (alert.mutedUntil !== undefined && alert.mutedUntil > 0) {
    blocks.push({
      type: 'context',
      text: rich`${emoji('mute')} Muted until ${date(alert.mutedUntil)}: later entries update this message only.`,
    });
  }
  blocks.push({ type: 'buttons', group: ALERT_BLOCK_ID, buttons: alertButtons(alert) });
  return {
    summary: rich`${TITLES[key.class]}: ${times(alert.count)} on ${key.cluster}, project ${key.project}`,
    blocks,
    cut: rich`… cut: ${code('/imagestream errors CLUSTER')} lists the entries`,
  };
}

/** The short reply in the alert's thread once its window is over and the problem goes on. */
export function stillHappeningMessage(alert: AlertView, count: number): MessageDocument {
  const summary = rich`Still happening: ${count} more in the last window on ${alert.key.cluster} (last seen ${isoDate(alert.lastSeen)}).`;
  const muted =
    alert.mutedUntil !== undefined && alert.mutedUntil > 0 ? rich` Muted until ${date(alert.mutedUntil)}.` : [];
  return { summary, blocks: [{ type: 'text', text: rich`${emoji('repeat')} ${summary}${muted}` }] };
}

function alertButtons(alert: AlertView): Button[] {
  const button = (action: string, label: string, style?: 'primary' | 'danger'): Button => ({
    label,
    action,
    value: alert.id,
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
        label: 'Open quotas in the console',
        action: ALERT_ACTION_IDS.quotaConsole,
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
  return [
    ...fixes,
    button(ALERT_ACTION_IDS.mute1h, 'Mute this problem for 1 h'),
    button(ALERT_ACTION_IDS.mute24h, 'Mute this problem for 24 h'),
  ];
}

/** The console's quota page of the project, filtered to the Container File System API. */
export function quotaConsoleUrl(project: string): string {
  return `https://console.cloud.google.com/iam-admin/quotas?project=${encodeURIComponent(project)}&service=containerfilesystem.googleapis.com`;
}

function times(count: number): string {
  return count === 1 ? '1 error' : `${count} errors`;
}

function nodesLine(alert: AlertView): RichText {
  if (alert.nodes.length === 0) return rich`none named`;
  const shown = joinRich(
    alert.nodes.slice(0, NODES_SHOWN).map((node) => [code(node)]),
    ', ',
  );
  const more = Math.max(alert.nodesTotal, alert.nodes.length) - Math.min(alert.nodes.length, NODES_SHOWN);
  return more > 0 ? rich`${shown} and ${more} more` : shown;
}

/** A stored ISO time as a date each reader sees in their own zone; an unreadable one as its text. */
function isoDate(iso: string): RichText {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? [date(ms)] : [text(iso.slice(0, 40))];
}
