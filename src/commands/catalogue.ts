/**
 * The command catalogue: every subcommand of `/imagestream`, its usage line, example and whether it
 * changes a cluster. One table, so help, usage errors, the parser and the mutation-channel check agree.
 */

/** The subcommands of `/imagestream`, in the order help lists them. */
export const SUBCOMMANDS = [
  'help',
  'status',
  'check',
  'memory',
  'enable',
  'disable',
  'verify',
  'errors',
  'pulls',
  'setup-alerts',
  'audit',
] as const;

/** One subcommand of `/imagestream`. */
export type Subcommand = (typeof SUBCOMMANDS)[number];

/** What help and usage errors say about one subcommand. */
export interface SubcommandUsage {
  /** The synopsis, as typed after `/imagestream`. */
  usage: string;
  /** One line: what it answers. */
  summary: string;
  /** A complete example, as typed in Slack. */
  example: string;
  /** Changes a cluster or a project: allowed only in the configured mutation channels. */
  mutating?: true;
}

/** Usage, summary, example and mutability of every subcommand. */
export const SUBCOMMAND_USAGE: Readonly<Record<Subcommand, SubcommandUsage>> = {
  help: {
    usage: 'help',
    summary: 'Every subcommand with an example.',
    example: '/imagestream help',
  },
  status: {
    usage: 'status CLUSTER [--location L] [--project P]',
    summary:
      'The cluster-level setting and, per node pool: streaming on or off, set on the pool or following the cluster, ' +
      'GKE version, image type, warnings.',
    example: '/imagestream status prod-1 --location us-east1 --project acme-prod',
  },
  check: {
    usage: 'check IMAGE [--cluster C --location L --project P] [--pool NP] [--gke-version V] [--node-location L] ...',
    summary: 'Will this image be streamed on that cluster? Every failing rule with its fix.',
    example:
      '/imagestream check us-east1-docker.pkg.dev/acme-prod/web/frontend:v5 --cluster prod-1 --location us-east1 --project acme-prod',
  },
  memory: {
    usage: 'memory MACHINE_TYPE|GiB',
    summary: 'Memory GKE reserves for image streaming on such a node.',
    example: '/imagestream memory n2-standard-8',
  },
  enable: {
    usage: 'enable CLUSTER [--pool NP] [--location L] [--project P]',
    summary: 'Turn image streaming on (the cluster default, or one pool): shows the change and asks an approver.',
    example: '/imagestream enable prod-1 --pool web --location us-east1 --project acme-prod',
    mutating: true,
  },
  disable: {
    usage: 'disable CLUSTER [--pool NP] [--location L] [--project P]',
    summary: 'Turn image streaming off (the cluster default, or one pool): shows the change and asks an approver.',
    example: '/imagestream disable prod-1 --pool batch --location us-east1 --project acme-prod',
    mutating: true,
  },
  verify: {
    usage: 'verify CLUSTER [--pool NP] [--location L] [--project P]',
    summary:
      'Re-read gcfsConfig as `gcloud ... describe` shows it, and the node label cloud.google.com/gke-image-streaming.',
    example: '/imagestream verify prod-1 --pool web --location us-east1 --project acme-prod',
  },
  errors: {
    usage: 'errors CLUSTER [--location L] [--project P] [--since 1h|6h|24h|7d]',
    summary:
      "The cluster's gcfsd errors from Cloud Logging, one block per class: count, first and last seen, nodes, a sample line and the fix.",
    example: '/imagestream errors prod-1 --since 6h',
  },
  pulls: {
    usage: 'pulls CLUSTER [--image I] [--namespace N] [--since 1h|6h|24h|7d] [--location L] [--project P]',
    summary:
      "Is each image really streamed? The cluster's image pulls from its Kubernetes events: streamed, cached or full, pull times, and why an image was not streamed.",
    example: '/imagestream pulls prod-1 --namespace web --since 6h',
  },
  'setup-alerts': {
    usage: 'setup-alerts [--print] [--project P]',
    summary:
      'Creates (after approval) the Pub/Sub topic, subscription and log sink that feed the gcfsd alerts; --print shows the gcloud commands instead.',
    example: '/imagestream setup-alerts --print --project acme-prod',
    mutating: true,
  },
  audit: {
    usage: 'audit [N]',
    summary: 'The last N audit events: requests, approvals, denials and results.',
    example: '/imagestream audit 10',
  },
};

/** Whether a word is a subcommand of `/imagestream`. */
export function isSubcommand(word: string): word is Subcommand {
  return (SUBCOMMANDS as readonly string[]).includes(word);
}
