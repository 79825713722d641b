/**
 * A gcfsd storm: a few hundred log entries over a few problems (class x cluster), fed into the
 * real alert pipeline minus Pub/Sub, exactly as the alert subscriber handles a sink message:
 * read and classify the LogEntry JSON, record it for every destination (dedup and grouping in
 * Redis), hand each outcome to the outbox, settle. Paced, so alerts arrive and update in place.
 */
import { randomBytes } from 'node:crypto';
import type { AlertStore } from '../../src/alerts/alert-store';
import type { AlertOutbox } from '../../src/alerts/outbox';
import { outcomeToOutbox } from '../../src/alerts/outcome-to-outbox';
import { readAlertMessage } from '../../src/alerts/read-alert-message';
import type { ErrorClass } from '../../src/classifier/error-class';
import { gcfsdFixtureEntries, relabelGcfsd } from './log-entries';

/** One problem of a storm: which cluster logs which class, from which zone, how often. */
export interface StormProblem {
  cluster: string;
  zone: string;
  class: Exclude<ErrorClass, 'none'>;
  entries: number;
}

/** The default storm: four problems on the three clusters, 300 entries. */
export const STORM_PROBLEMS: readonly StormProblem[] = [
  { cluster: 'web', zone: 'us-east1-b', class: 'quota_exceeded', entries: 120 },
  { cluster: 'shop', zone: 'europe-west1-b', class: 'permission_denied', entries: 80 },
  { cluster: 'shop', zone: 'europe-west1-c', class: 'symlink_rename', entries: 40 },
  { cluster: 'batch', zone: 'us-central1-a', class: 'failed_precondition', entries: 60 },
];

/**
 * The storm's LogEntries, interleaved across problems (as a sink delivers them), each with its own
 * insertId and a node out of three per problem, dated from `now` on.
 */
export function buildStorm(now: number, problems: readonly StormProblem[] = STORM_PROBLEMS): object[] {
  const fixtures = gcfsdFixtureEntries();
  const run = randomBytes(4).toString('hex');
  const perProblem = problems.map((problem, p) => {
    const fixture = fixtures.find((f) => f.class === problem.class);
    if (!fixture) throw new Error(`no fixture entry of class ${problem.class}`);
    return Array.from({ length: problem.entries }, (_, i) => {
      const entry = relabelGcfsd(fixture.entry, problem.cluster, problem.zone);
      const labels = entry.resource.labels as Record<string, string>;
      // Three nodes per problem: the alert counts them.
      const node = `gke-${problem.cluster}-default-pool-5e7a91c2-n${i % 3}`;
      if (labels.node_name !== undefined) labels.node_name = node;
      if (labels.pod_name !== undefined) labels.pod_name = `${labels.pod_name}-${i % 3}`;
      entry.insertId = `storm-${run}-${p}-${i}`;
      entry.timestamp = new Date(now + i * 10).toISOString();
      delete entry.receiveTimestamp;
      return entry;
    });
  });
  const out: object[] = [];
  const longest = Math.max(0, ...perProblem.map((list) => list.length));
  for (let i = 0; i < longest; i++) for (const list of perProblem) if (i < list.length) out.push(list[i]!);
  return out;
}

/** What the storm needs of the alert pipeline: the store and the outbox the roles built. */
export interface StormPipeline {
  store: Pick<AlertStore, 'recordAll' | 'settle' | 'markReported'>;
  outbox: Pick<AlertOutbox, 'post' | 'update' | 'stillHappening'>;
}

/** One sink message through the pipeline, as AlertSubscriber.onMessage does it (without the ack). */
export async function feedEntry(pipeline: StormPipeline, data: Buffer): Promise<void> {
  const read = readAlertMessage(data);
  if ('poison' in read) return;
  const outcomes = await pipeline.store.recordAll(read.entry);
  for (const outcome of outcomes) {
    await outcomeToOutbox(outcome, pipeline.outbox, pipeline.store);
    if (outcome.kind === 'new' || outcome.kind === 'updated' || outcome.kind === 'still_happening')
      await pipeline.store.settle(read.entry, true, outcome.alert.destination.platform);
  }
}

/** Options of a storm run. */
export interface StormRun {
  /** Entries fed per tick; default 10. */
  batch?: number;
  /** Wait between ticks; default 100 ms (300 entries over about 3 s). */
  tickMs?: number;
  /** Stops feeding (the bot is stopping). */
  signal?: AbortSignal;
}

/** Feeds the entries in ticks; resolves when all are in (or the signal aborted). */
export async function runStorm(pipeline: StormPipeline, entries: readonly object[], run: StormRun = {}): Promise<void> {
  const batch = run.batch ?? 10;
  for (let i = 0; i < entries.length; i += batch) {
    if (run.signal?.aborted) return;
    if (i > 0 && (run.tickMs ?? 100) > 0) await new Promise((resolve) => setTimeout(resolve, run.tickMs ?? 100));
    for (const entry of entries.slice(i, i + batch)) await feedEntry(pipeline, Buffer.from(JSON.stringify(entry)));
  }
}
