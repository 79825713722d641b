import { parseClusterArgs, replyToOf } from './cluster-args';
import { enqueueOrExplain } from './enqueue-or-explain';
import { Subcommand } from './subcommand';

/**
 * `/imagestream enable|disable CLUSTER [--pool NP]`: queues a job that reads the current state and
 * posts an approval request; nothing changes before an approver clicks Approve.
 */
function changeSubcommand(action: 'enable' | 'disable'): Subcommand {
  return {
    name: action,
    mutating: true,
    handle: (args, command, deps) => {
      const target = parseClusterArgs(args, deps, true);
      const what = target.pool ? `pool ${target.pool} of ${target.cluster}` : target.cluster;
      return enqueueOrExplain(
        deps,
        action,
        { replyTo: replyToOf(command), target },
        `Working out what \`${action}\` would change on ${what}; an approval request follows in this channel.`,
      );
    },
  };
}

export const enable = changeSubcommand('enable');
export const disable = changeSubcommand('disable');
