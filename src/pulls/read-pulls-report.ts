import type { Logging } from '@google-cloud/logging';
import type { Since } from '../cloud-logging/gcfsd-filter';
import { readEntries } from '../cloud-logging/read-entries';
import type { ClusterResponse } from '../google/cluster-response';
import type { ClusterTarget } from '../google/cluster-target';
import { explainNotStreamed } from './explain-not-streamed';
import { LiveCheckDeps, liveStreamingCheck } from './live-streaming-check';
import { NodePools, readNodePools } from './node-pools';
import { PullEvent, pullEventOf } from './pull-event';
import { PullsReport, analyzePulls } from './pulls-report';

/** One cluster's pulls to read: what the `pulls` job (and the digest) hand over. */
export interface ReadPullsInput {
  request: { target: Omit<ClusterTarget, 'pool'>; since: Since; image?: string; namespace?: string };
  /** `clusters.get`, validated: its node pools map node names to pools (instanceGroupUrls). */
  cluster: ClusterResponse;
  /** The Logging query (src/cloud-logging/pull-events-filter.ts); it bounds `timestamp` itself. */
  filter: string;
  /** Paging bounds; default those of `errors`: pages of 1,000 entries, at most 10 pages. */
  bounds?: { pageSize?: number; maxPages?: number; maxEntries?: number };
}

/** What the read found. */
export interface PullsReportRead {
  /** The report, each image fully pulled on a streaming pool explained by `check`'s rules. */
  report: PullsReport;
  entriesRead: number;
  /** Entries remained past the bounds: counts are a lower bound (the oldest were not read). */
  truncated: boolean;
  /** Entries that were not an exported Kubernetes Event (counted, not analysed). */
  unreadable: number;
}

/** The WorkerDeps fields the read uses (structurally `Pick<WorkerDeps, 'logging' | 'gather' | 'scope'>`). */
export interface ReadPullsDeps extends LiveCheckDeps {
  logging: Logging;
}

/**
 * `pulls` for one cluster: reads its pull events (newest first, bounded like `errors`), joins
 * them per pull with the cluster's node pools, and for every image fully pulled on a pool that
 * streams runs the eligibility check of `check` for that image on that pool. Throws what
 * readEntries throws (RemoteError naming logging.logEntries.list on a 403).
 */
export async function readPullsReport(input: ReadPullsInput, deps: ReadPullsDeps): Promise<PullsReportRead> {
  const { request, cluster, filter, bounds } = input;
  const events: PullEvent[] = [];
  let unreadable = 0;
  const read = await readEntries(
    deps.logging,
    { project: request.target.project, filter, orderBy: 'timestamp desc', ...bounds },
    (entry) => {
      const event = pullEventOf(entry);
      if (event.kind === 'unreadable') unreadable += 1;
      else if (event.kind !== 'other') events.push(event);
    },
  );
  const analysed = analyzePulls(events, {
    cluster: request.target.cluster,
    since: request.since,
    pools: poolsOf(cluster),
    ...(request.image !== undefined ? { image: request.image } : {}),
    ...(request.namespace !== undefined ? { namespace: request.namespace } : {}),
  });
  const report = await explainNotStreamed(analysed, liveStreamingCheck(request.target, deps));
  return { report, entriesRead: read.entriesRead, truncated: read.truncated, unreadable };
}

/**
 * The cluster's pools as the join reads them. The cluster response was validated with the same
 * pool schema, so this cannot fail; if it ever did, pools would come from the node names.
 */
function poolsOf(cluster: ClusterResponse): NodePools | undefined {
  const pools = readNodePools({ nodePools: cluster.nodePools ?? [] });
  return 'error' in pools ? undefined : pools;
}
