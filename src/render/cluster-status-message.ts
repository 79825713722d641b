import type { DocumentBlock, MessageDocument } from '../chat/message-document';
import { bold, code, emoji, italic, rich, type RichText } from '../chat/rich-text';
import type { ClusterStatus, PoolStatus } from '../gke/read-cluster-status';
import { clusterRefText } from './cluster-ref-text';

const onOff = (on: boolean): string => (on ? 'on' : 'off');

/**
 * `status`: the cluster-level setting, then one line per node pool (streaming, whether the pool set
 * it or follows the cluster, GKE version, image type) with its warnings under it.
 */
export function clusterStatusMessage(status: ClusterStatus): MessageDocument {
  const { ref } = status;
  const kind = status.autopilot ? 'Autopilot' : 'Standard';
  const master = status.masterVersion ? code(status.masterVersion) : italic('version unknown');
  const blocks: DocumentBlock[] = [
    { type: 'header', text: `Image streaming on ${ref.cluster}` },
    {
      type: 'text',
      text: rich`${clusterRefText(ref)}\n${kind} cluster, control plane ${master}\n${bold(
        `Cluster default: ${onOff(status.clusterDefault)}`,
      )}`,
    },
  ];
  for (const warning of status.warnings) blocks.push({ type: 'text', text: rich`${emoji('warning')} ${warning}` });

  if (status.pools.length === 0) blocks.push({ type: 'text', text: [italic('No node pools.')] });
  else blocks.push({ type: 'lines', lines: status.pools.map(poolLines) });

  const streaming = status.pools.filter((p) => p.streaming).length;
  const pools = status.pools.length;
  blocks.push({ type: 'context', text: rich`Node pools streaming images: ${streaming} of ${pools}.` });

  const list = `gcloud container node-pools list --cluster ${ref.cluster} --location ${ref.location} --project ${ref.project}`;
  return {
    summary: rich`${ref.cluster}: image streaming ${onOff(status.clusterDefault)} by default, ${streaming} of ${pools} pools stream`,
    blocks,
    cut: rich`… cut: run ${code(list)} for every pool`,
  };
}

// One pool: a single entry of the list (its warnings under it), so a platform never splits a pool.
function poolLines(pool: PoolStatus): RichText {
  const mark = emoji(pool.streaming ? 'large_green_circle' : 'white_circle');
  const source = pool.source === 'explicit' ? 'set on the pool' : 'follows the cluster';
  const version = pool.version ? code(pool.version) : italic('unknown');
  const imageType = pool.imageType ? code(pool.imageType) : italic('image type unknown');
  const warnings = pool.warnings.map((w) => rich`\n      ${emoji('warning')} ${w}`);
  return rich`${mark} ${bold(pool.name)}: ${onOff(pool.streaming)} (${source}) · GKE ${version} · ${imageType}${warnings.flat()}`;
}
