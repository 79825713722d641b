import type { KnownBlock } from '@slack/types';
import { contextBlock, headerBlock, sectionBlock } from './block-builders';
import { codeSpan } from './code-span';
import type { ClusterRef } from '../gke/cluster-ref';
import type { VerifyResult } from '../gke/verify-streaming';
import { packLines } from './pack-lines';
import { SLACK_LIMITS, SlackMessage, escapeMrkdwn, fitMessage } from './slack-message';

/** The key of the node label GKE puts on nodes that stream images (`nodeLabel` is the whole key=value). */
const NODE_LABEL = 'cloud.google.com/gke-image-streaming';

// Each code block opens and closes its own fence: 8 characters of the section's budget.
const CODE_BUDGET = SLACK_LIMITS.sectionText - 8;

/**
 * `/imagestream verify`: gcfsConfig as `gcloud container clusters describe` / `node-pools describe`
 * print it (`gcfsConfig:\n  enabled: true`, or `gcfsConfig: {}` when the API leaves it empty), and
 * per pool the node label.
 */
export function renderVerify(result: VerifyResult): SlackMessage {
  const { ref } = result;
  const lines = ['nodePoolDefaults:', '  nodeConfigDefaults:', ...gcfsYaml(result.clusterDefault.gcfsConfig, '    ')];
  if (result.pools.length > 0) lines.push('nodePools:');
  for (const pool of result.pools) {
    lines.push(
      [
        `- name: ${pool.name}`,
        '  config:',
        ...gcfsYaml(pool.gcfsConfig, '    '),
        pool.nodeLabel === null ? `  # nodes carry no ${NODE_LABEL} label` : `  # nodes labelled ${pool.nodeLabel}`,
      ].join('\n'),
    );
  }
  const blocks: KnownBlock[] = [
    headerBlock(`gcfsConfig of ${ref.cluster}`),
    sectionBlock(`${where(ref)}, as the GKE API returns it now:`),
    ...packLines(lines.map(escapeMrkdwn), CODE_BUDGET).map((chunk) => sectionBlock(`\`\`\`\n${chunk}\n\`\`\``)),
    contextBlock('An empty `gcfsConfig: {}` means off: the API omits a false value.'),
  ];
  const on = result.pools.filter((p) => p.gcfsConfig.enabled === true).length;
  const clusterOn = result.clusterDefault.gcfsConfig.enabled === true ? 'on' : 'off';
  const text = `${escapeMrkdwn(ref.cluster)}: cluster default ${clusterOn}, ${on} of ${result.pools.length} pools on`;
  const list =
    `gcloud container node-pools list --cluster ${ref.cluster} --location ${ref.location} --project ${ref.project}` +
    ' --format=yaml(name,config.gcfsConfig)';
  return fitMessage({ text, blocks }, `… cut: run ${codeSpan(list)} for every pool`);
}

function where(ref: ClusterRef): string {
  return `Cluster ${codeSpan(ref.cluster)} in ${codeSpan(ref.location)}, project ${codeSpan(ref.project)}`;
}

function gcfsYaml(config: { enabled?: boolean }, indent: string): string[] {
  if (config.enabled === undefined) return [`${indent}gcfsConfig: {}`];
  return [`${indent}gcfsConfig:`, `${indent}  enabled: ${config.enabled}`];
}
