import { parseClusterArgs, replyToOf } from './cluster-args';
import { enqueueOrExplain } from './enqueue-or-explain';
import { Subcommand } from './subcommand';

/** `/imagestream status CLUSTER`: the cluster setting and every pool's, from a job. */
export const status: Subcommand = {
  name: 'status',
  handle: (args, command, deps) => {
    const target = parseClusterArgs(args, deps, false);
    return enqueueOrExplain(
      deps,
      'status',
      { replyTo: replyToOf(command), target },
      `Reading image streaming settings of ${target.cluster}...`,
    );
  },
};
