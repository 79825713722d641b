import type { MessageDocument } from '../chat/message-document';
import { code, rich } from '../chat/rich-text';
import type { VerifyResult } from '../gke/verify-streaming';
import { clusterRefText } from './cluster-ref-text';

/** The key of the node label GKE puts on nodes that stream images (`nodeLabel` is the whole key=value). */
const NODE_LABEL = 'cloud.google.com/gke-image-streaming';

/**
 * `verify`: gcfsConfig as `gcloud container clusters describe` / `node-pools describe` print it
 * (`gcfsConfig:\n  enabled: true`, or `gcfsConfig: {}` when the API leaves it empty), and per pool
 * the node label.
 */
export function verifyMessage(result: VerifyResult): MessageDocument {
  const { ref } = result;
  const lines = ['nodePoolDefaults:', '  nodeConfigDefaults:', ...gcfsYaml(result.clusterDefault.gcfsConfig, '    ')];
  if (result.pools.length > 0) lines.push('nodePools:');
  for (const pool of result.pools) {
    // One entry per pool, so a platform that packs the lines into blocks never splits a pool.
    lines.push(
      [
        `- name: ${pool.name}`,
        '  config:',
        ...gcfsYaml(pool.gcfsConfig, '    '),
        pool.nodeLabel === null ? `  # nodes carry no ${NODE_LABEL} label` : `  # nodes labelled ${pool.nodeLabel}`,
      ].join('\n'),
    );
  }
  const on = result.pools.filter((p) => p.gcfsConfig.enabled === true).length;
  const clusterOn = result.clusterDefault.gcfsConfig.enabled === true ? 'on' : 'off';
  const list =
    `gcloud container node-pools list --cluster ${ref.cluster} --location ${ref.location} --project ${ref.project}` +
    ' --format=yaml(name,config.gcfsConfig)';
  return {
    summary: rich`${ref.cluster}: cluster default ${clusterOn}, ${on} of ${result.pools.length} pools on`,
    blocks: [
      { type: 'header', text: `gcfsConfig of ${ref.cluster}` },
      { type: 'text', text: rich`${clusterRefText(ref)}, as the GKE API returns it now:` },
      { type: 'code', lines },
      { type: 'context', text: rich`An empty ${code('gcfsConfig: {}')} means off: the API omits a false value.` },
    ],
    cut: rich`… cut: run ${code(list)} for every pool`,
  };
}

function gcfsYaml(config: { enabled?: boolean }, indent: string): string[] {
  if (config.enabled === undefined) return [`${indent}gcfsConfig: {}`];
  return [`${indent}gcfsConfig:`, `${indent}  enabled: ${config.enabled}`];
}
