import { NodePools, poolOfNode } from './node-pools';
import type { PullEvent } from './pull-event';

export type PullKind = 'streamed' | 'cached' | 'full' | 'unparsed';

/** One pull of one image by one pod's container, joined with its node, pool and streaming event. */
export interface Pull {
  image: string;
  namespace: string | null;
  pod: string | null;
  node: string | null;
  pool: string | null;
  at: number;
  kind: PullKind;
  /** The pull time, for streamed and full pulls; null otherwise. */
  seconds: number | null;
}

/**
 * How far from a `Pulled` event an `ImageStreaming` event of the same image on the same node may
 * be and still be that pull's: 2 minutes either side. Both come from the same pull, seconds
 * apart, but from two writers (kubelet, GKE's node agent) and through the event recorder, which
 * batches and aggregates, so their times can be tens of seconds apart; pulls of one image on one
 * node are rarer than that (once there, the image is served from the node's cache).
 */
export const STREAMING_WINDOW_MS = 2 * 60_000;

/** The join, and what could not be joined to an image. */
export interface JoinedPulls {
  pulls: Pull[];
  /** Pull events whose message names no image we could read (counted, never guessed). */
  unparsedWithoutImage: number;
}

/**
 * Joins pull events into pulls. An Event that repeats is one Kubernetes object exported once per
 * update (its `count` going up), and overlapping sinks copy entries: occurrences are counted from
 * the range of counts seen per Event, so copies are not counted twice and an update that was not
 * exported is not lost. A `Pulled` with a duration is `streamed` when the node reported an
 * `ImageStreaming` event for that image within STREAMING_WINDOW_MS, else `full`.
 */
export function joinPulls(events: readonly PullEvent[], cluster: string | null, pools?: NodePools): JoinedPulls {
  const streamingAt = new Map<string, number[]>();
  for (const e of events) {
    if (e.kind !== 'streaming' || e.node === null) continue;
    const key = streamKey(e.node, e.image);
    const list = streamingAt.get(key) ?? [];
    list.push(e.at);
    streamingAt.set(key, list);
  }

  const pulls: Pull[] = [];
  let unparsedWithoutImage = 0;
  const poolCache = new Map<string, string | null>();
  for (const occurrence of occurrences(events)) {
    const e = occurrence.event;
    if (e.kind === 'pulling' || e.kind === 'streaming') continue;
    if (e.image === null) {
      unparsedWithoutImage += 1;
      continue;
    }
    let pool: string | null = null;
    if (e.node !== null) {
      if (!poolCache.has(e.node)) poolCache.set(e.node, poolOfNode(e.node, e.cluster ?? cluster, pools).pool);
      pool = poolCache.get(e.node)!;
    }
    const base = { image: e.image, namespace: e.namespace, pod: e.pod, node: e.node, pool, at: occurrence.at };
    if (e.kind === 'cached' || e.kind === 'unparsed') {
      pulls.push({ ...base, kind: e.kind, seconds: null });
      continue;
    }
    const near = e.node !== null && streamedNear(streamingAt.get(streamKey(e.node, e.image)), occurrence.at);
    pulls.push({ ...base, kind: near ? 'streamed' : 'full', seconds: e.seconds });
  }
  return { pulls, unparsedWithoutImage };
}

const MAX_OCCURRENCES = 100_000;

/** One record per occurrence: the counts an Event went through, each at its entry's time. */
function occurrences(events: readonly PullEvent[]): Array<{ event: PullEvent; at: number }> {
  const byIdentity = new Map<string, PullEvent[]>();
  for (const e of events) {
    const list = byIdentity.get(e.identity);
    if (list) list.push(e);
    else byIdentity.set(e.identity, [e]);
  }
  const out: Array<{ event: PullEvent; at: number }> = [];
  for (const list of byIdentity.values()) {
    list.sort((a, b) => a.count - b.count || a.at - b.at);
    const first = list[0]!.count;
    // kubelet's back-off caps a crash-looping pod at a few hundred repeats a day: a count past
    // this comes from a forged or broken entry and must not make us loop for ever.
    const last = Math.min(list[list.length - 1]!.count, first + MAX_OCCURRENCES - 1);
    // Every count from the first to the last seen happened once; a count seen on no entry (an
    // update not exported) takes the time of the next entry seen.
    let i = 0;
    for (let c = first; c <= last; c++) {
      while (list[i]!.count < c) i++;
      out.push({ event: list[i]!, at: list[i]!.at });
    }
  }
  return out;
}

function streamedNear(times: number[] | undefined, at: number): boolean {
  return times !== undefined && times.some((t) => Math.abs(t - at) <= STREAMING_WINDOW_MS);
}

function streamKey(node: string, image: string): string {
  return `${node}\u0000${imageKey(image)}`;
}

/**
 * One name per image for matching: kubelet quotes the image as the pod spec wrote it, which may
 * leave out the default tag that the node's event spells out.
 */
export function imageKey(image: string): string {
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  return lastPart.includes(':') || lastPart.includes('@') ? image : `${image}:latest`;
}
