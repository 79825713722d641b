import { gcloudTarget } from './gcloud-commands';
import { Rule, isAutopilot, need, pass, warn, CLUSTER_FLAGS } from './rule';

/** Limitation (informational): workloads that read many files at start-up can start slower. */
export const manyFiles: Rule = {
  id: 'many-files',
  scope: 'cluster',
  informational: true,
  evaluate: () =>
    pass('note: workloads that read many files at start-up can start slower, because of remote read latency'),
};

/** Limitation (informational): the first pull of an eligible image may show no benefit. */
export const firstPull: Rule = {
  id: 'first-pull',
  scope: 'cluster',
  informational: true,
  evaluate: () =>
    pass(
      'note: the first pull of an eligible image may show no benefit; once cached, later pulls on any cluster benefit',
    ),
};

/**
 * Limitation (informational): on Standard, node auto-provisioning follows the cluster-level setting,
 * and workload separation cannot create streaming pools while the cluster level is off.
 */
export const nap: Rule = {
  id: 'nap',
  scope: 'cluster',
  informational: true,
  evaluate({ facts, names }) {
    if (isAutopilot(facts)) return pass('does not apply: Autopilot cluster');
    const clusterLevel = need(facts.cluster.streamingDefault, 'cluster-level image streaming setting', CLUSTER_FLAGS);
    if (!clusterLevel.ok) return clusterLevel.outcome;
    if (clusterLevel.value) return pass('cluster-level setting is on: auto-provisioned node pools stream too');
    return warn(
      'cluster-level setting is off: node pools created by node auto-provisioning or workload separation will not stream',
      `gcloud container clusters update ${names.cluster} ${gcloudTarget(names)} --enable-image-streaming`,
    );
  },
};
