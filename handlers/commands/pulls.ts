import { rich } from '../../src/chat/rich-text';
import { enqueueOrExplain } from './enqueue-or-explain';
import type { Executor } from './executor';

/** `pulls CLUSTER [--image I] [--namespace N] [--since ...]`: image pulls from Kubernetes events, via a job. */
export const pulls: Executor<'pulls'> = ({ target, since, image, namespace }, { replyTo }, deps) =>
  enqueueOrExplain(
    deps,
    'pulls',
    {
      replyTo,
      target: { project: target.project, location: target.location, cluster: target.cluster },
      since,
      ...(image !== undefined ? { image } : {}),
      ...(namespace !== undefined ? { namespace } : {}),
    },
    rich`Reading image pulls of ${target.cluster} over the last ${since}...`,
  );
