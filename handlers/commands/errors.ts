import { rich } from '../../src/chat/rich-text';
import { enqueueOrExplain } from './enqueue-or-explain';
import type { Executor } from './executor';

/** `errors CLUSTER [--location L] [--project P] [--since 1h|6h|24h|7d]`: gcfsd errors from Cloud Logging, via a job. */
export const errors: Executor<'errors'> = ({ target, since }, { replyTo }, deps) =>
  enqueueOrExplain(
    deps,
    'errors',
    { replyTo, target: { project: target.project, cluster: target.cluster, location: target.location }, since },
    rich`Reading gcfsd errors of ${target.cluster} over the last ${since}...`,
  );
