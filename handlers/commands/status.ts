import { rich } from '../../src/chat/rich-text';
import { enqueueOrExplain } from './enqueue-or-explain';
import type { Executor } from './executor';

/** `status CLUSTER`: the cluster setting and every pool's, from a job. */
export const status: Executor<'status'> = ({ target }, { replyTo }, deps) =>
  enqueueOrExplain(deps, 'status', { replyTo, target }, rich`Reading image streaming settings of ${target.cluster}...`);
