import type { NodePools } from './node-pools';
import { poolStreamingOf } from './node-pools';
import type { PullEvent } from './pull-event';
import { Pull, PullKind, imageKey, joinPulls } from './pull-join';
import { bucketCounts, median, p90, roundMs } from './pull-stats';

export type PullCounts = Record<PullKind, number>;

export interface TimeFigures {
  median: number | null;
  p90: number | null;
}

/** Why an image was not streamed on a pool: the failing rule and its fix, when one is known. */
export interface NotStreamed {
  pool: string | null;
  reason: string;
  rule: string | null;
  fix: string | null;
}

/** Whether a pool streams, and how we know. */
export interface PoolStreaming {
  pool: string | null;
  streaming: 'on' | 'off' | 'unknown';
  /** `pools list`: its gcfsConfig.enabled; `streamed pulls seen`: no list, but pulls there streamed. */
  source: 'pools list' | 'streamed pulls seen' | 'unknown';
}

/** One image's pulls on one pool. */
export interface ImagePoolPulls extends PoolStreaming {
  pulls: PullCounts;
}

/** One image: the JSON contract's fields, then what the message and the check need. */
export interface ImagePulls {
  image: string;
  pulls: PullCounts;
  seconds: { streamed: TimeFigures; full: TimeFigures };
  /** (median full - median streamed) x streamed pulls, when both medians exist; else null. */
  savedSeconds: number | null;
  /** Pools where streaming is on (or unknown) and this image was never streamed: why. */
  notStreamed: NotStreamed[];
  pools: ImagePoolPulls[];
  /** Pull times, for the histogram. */
  times: { streamed: number[]; full: number[] };
}

/** `pulls` for one cluster over one window. */
export interface PullsReport {
  cluster: string | null;
  /** The window: `24h` (live), or the time of the earliest event read (offline). */
  since: string | null;
  images: ImagePulls[];
  totals: { pulls: PullCounts; savedSeconds: number | null };
  /** Pull events naming no readable image: counted here only. */
  unparsedWithoutImage: number;
  /** How nodes were mapped to pools. */
  poolSource: 'pools list' | 'node name';
}

export interface AnalyzeOptions {
  cluster?: string | null;
  since?: string | null;
  /** The cluster's node pools (a nodePools.list response, read with readNodePools). */
  pools?: NodePools;
  /** Only this image (the default tag may be left out). */
  image?: string;
  /** Only pods of this namespace. */
  namespace?: string;
}

/** Reason given before the eligibility check has run (explainNotStreamed replaces it). */
export const NOT_CHECKED = 'eligibility not checked';
/** docs/image-streaming.md: a pull served from the node's cache shows no streaming event, and that is expected. */
export const CACHED_EXPECTED = 'cached on the node: expected';

/**
 * Joins the events (pullEventOf's PullEvents) and sums them up per image, most pulled first.
 * Node-side `ImageStreaming` events are kept whatever the namespace filter: they carry none.
 */
export function analyzePulls(events: readonly PullEvent[], options: AnalyzeOptions = {}): PullsReport {
  const wanted = events.filter(
    (e) =>
      (options.cluster == null || e.cluster === null || e.cluster === options.cluster) &&
      (options.namespace === undefined || e.kind === 'streaming' || e.namespace === options.namespace),
  );
  const cluster = options.cluster ?? onlyCluster(wanted);
  const { pulls, unparsedWithoutImage } = joinPulls(wanted, cluster, options.pools);
  const key = options.image === undefined ? undefined : imageKey(options.image);
  const chosen = key === undefined ? pulls : pulls.filter((p) => imageKey(p.image) === key);

  const poolsSeenStreaming = new Set(chosen.filter((p) => p.kind === 'streamed').map((p) => p.pool));
  // Streaming on a pool: the pools list says (gcfsConfig.enabled); without one, a pool where some
  // pull streamed evidently has it on; otherwise unknown.
  const streamingOf = (pool: string | null): PoolStreaming => {
    const listed = poolStreamingOf(options.pools, pool);
    if (listed !== null) return { pool, streaming: listed ? 'on' : 'off', source: 'pools list' };
    if (poolsSeenStreaming.has(pool)) return { pool, streaming: 'on', source: 'streamed pulls seen' };
    return { pool, streaming: 'unknown', source: 'unknown' };
  };

  const byImage = new Map<string, Pull[]>();
  for (const p of chosen) {
    const list = byImage.get(p.image);
    if (list) list.push(p);
    else byImage.set(p.image, [p]);
  }
  const images = [...byImage.entries()].map(([image, list]) => imagePulls(image, list, streamingOf));
  images.sort((a, b) => total(b.pulls) - total(a.pulls) || a.image.localeCompare(b.image));

  const saved = images.map((i) => i.savedSeconds).filter((s): s is number => s !== null);
  return {
    cluster,
    since: options.since ?? null,
    images,
    totals: {
      pulls: sumCounts(images.map((i) => i.pulls)),
      savedSeconds: saved.length === 0 ? null : roundMs(saved.reduce((a, b) => a + b, 0)),
    },
    unparsedWithoutImage,
    poolSource: options.pools ? 'pools list' : 'node name',
  };
}

function imagePulls(image: string, list: Pull[], streamingOf: (pool: string | null) => PoolStreaming): ImagePulls {
  const times = {
    streamed: list.filter((p) => p.kind === 'streamed').map((p) => p.seconds!),
    full: list.filter((p) => p.kind === 'full').map((p) => p.seconds!),
  };
  const seconds = {
    streamed: { median: median(times.streamed), p90: p90(times.streamed) },
    full: { median: median(times.full), p90: p90(times.full) },
  };
  const savedSeconds =
    seconds.streamed.median !== null && seconds.full.median !== null
      ? roundMs((seconds.full.median - seconds.streamed.median) * times.streamed.length)
      : null;

  const byPool = new Map<string | null, Pull[]>();
  for (const p of list) {
    const ps = byPool.get(p.pool);
    if (ps) ps.push(p);
    else byPool.set(p.pool, [p]);
  }
  const pools = [...byPool.entries()]
    .map(([pool, ps]) => ({ ...streamingOf(pool), pulls: countKinds(ps) }))
    .sort((a, b) => (a.pool ?? '\uffff').localeCompare(b.pool ?? '\uffff'));

  const notStreamed = pools
    .filter((p) => p.streaming !== 'off' && p.pulls.streamed === 0 && (p.pulls.full > 0 || p.pulls.cached > 0))
    .map((p): NotStreamed => ({
      pool: p.pool,
      reason: p.pulls.full > 0 ? NOT_CHECKED : CACHED_EXPECTED,
      rule: null,
      fix: null,
    }));
  return { image, pulls: countKinds(list), seconds, savedSeconds, notStreamed, pools, times };
}

function countKinds(list: readonly Pull[]): PullCounts {
  const counts: PullCounts = { streamed: 0, cached: 0, full: 0, unparsed: 0 };
  for (const p of list) counts[p.kind] += 1;
  return counts;
}

function sumCounts(list: readonly PullCounts[]): PullCounts {
  const sum: PullCounts = { streamed: 0, cached: 0, full: 0, unparsed: 0 };
  for (const c of list) for (const k of Object.keys(sum) as PullKind[]) sum[k] += c[k];
  return sum;
}

function total(c: PullCounts): number {
  return c.streamed + c.cached + c.full + c.unparsed;
}

function onlyCluster(events: readonly PullEvent[]): string | null {
  const names = new Set(events.map((e) => e.cluster).filter((c): c is string => c !== null));
  return names.size === 1 ? [...names][0]! : null;
}

/** The clusters the events come from (the CLI asks for --cluster when there are several). */
export function clustersOf(events: readonly PullEvent[]): string[] {
  return [...new Set(events.map((e) => e.cluster).filter((c): c is string => c !== null))].sort();
}

/** The JSON contract of `pulls --json`: exactly these fields, a missing figure null. */
export function pullsJson(report: PullsReport): object {
  return {
    cluster: report.cluster,
    since: report.since,
    images: report.images.map((i) => ({
      image: i.image,
      pulls: { ...i.pulls },
      seconds: { streamed: { ...i.seconds.streamed }, full: { ...i.seconds.full } },
      savedSeconds: i.savedSeconds,
      notStreamed: i.notStreamed.map((n) => ({ pool: n.pool, reason: n.reason, rule: n.rule, fix: n.fix })),
    })),
  };
}

/** Pull-time histogram over every image: counts per BUCKETS row, streamed and full. */
export function pullTimeHistogram(report: PullsReport): { streamed: number[]; full: number[] } {
  return {
    streamed: bucketCounts(report.images.flatMap((i) => i.times.streamed)),
    full: bucketCounts(report.images.flatMap((i) => i.times.full)),
  };
}
