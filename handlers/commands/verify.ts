import { parseClusterArgs, replyToOf } from './cluster-args';
import { enqueueOrExplain } from './enqueue-or-explain';
import { Subcommand } from './subcommand';

/** `/imagestream verify CLUSTER [--pool NP]`: re-reads gcfsConfig like `gcloud ... describe`. */
export const verify: Subcommand = {
  name: 'verify',
  handle: (args, command, deps) => {
    const target = parseClusterArgs(args, deps, true);
    return enqueueOrExplain(deps, 'verify', { replyTo: replyToOf(command), target }, `Verifying ${target.cluster}...`);
  },
};
