import { rich } from '../../src/chat/rich-text';
import { enqueueOrExplain } from './enqueue-or-explain';
import type { Executor } from './executor';

/** `check IMAGE [--cluster C ...]`: the eligibility report, from a job. */
export const check: Executor<'check'> = ({ options }, { replyTo }, deps) =>
  enqueueOrExplain(deps, 'check', { replyTo, options }, rich`Checking ${options.image}...`);
