import { rich } from '../../src/chat/rich-text';
import { enqueueOrExplain } from './enqueue-or-explain';
import type { Executor } from './executor';

/** `verify CLUSTER [--pool NP]`: re-reads gcfsConfig like `gcloud ... describe`, from a job. */
export const verify: Executor<'verify'> = ({ target }, { replyTo }, deps) =>
  enqueueOrExplain(deps, 'verify', { replyTo, target }, rich`Verifying ${target.cluster}...`);
