/**
 * One case of the pulls bench, in its own process so its peak memory (VmHWM) is its own:
 *   page     read every entry from the Logging fake with readEntries, nothing done per entry
 *   analyze  the same read, each entry through pullEventOf, then analyzePulls and pullsMessage,
 *            as the live `pulls` does
 * Usage: pulls-case.ts page|analyze LOGGING_URL. Both cases load the same modules before the
 * clock starts, so the difference is the work. Prints one JSON line of figures and exits.
 */
import { readFileSync } from 'node:fs';
import { createCloudLogging } from '../../src/cloud-logging/cloud-logging-client';
import { readEntries } from '../../src/cloud-logging/read-entries';
import { readNodePools } from '../../src/pulls/node-pools';
import { PullEvent, pullEventOf } from '../../src/pulls/pull-event';
import { analyzePulls } from '../../src/pulls/pulls-report';
import { pullsMessage } from '../../src/render/pulls-message';
import { FAKE_TOKEN } from '../../test/fakes/http-fake';
import { BENCH_CLUSTER, BENCH_PROJECT, benchNodePools } from './pull-event-entries';

const MB = 1024 * 1024;

/** VmHWM and VmRSS of this process, in MB: the kernel's figures, native memory included. */
function memoryMB(): { rss: number; hwm: number } {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)![1]);
  return { rss: Math.round(kb('VmRSS') / 1024), hwm: Math.round(kb('VmHWM') / 1024) };
}

async function main(): Promise<void> {
  const [which, url] = process.argv.slice(2);
  if ((which !== 'page' && which !== 'analyze') || !url) throw new Error('usage: pulls-case.ts page|analyze URL');
  const logging = createCloudLogging({ endpoint: url, accessToken: FAKE_TOKEN });
  const pools = readNodePools(benchNodePools());
  if ('error' in pools) throw new Error(pools.error);
  const until = new Date('2026-12-06T12:00:00Z');
  const since = new Date(until.getTime() - 7 * 24 * 3600e3);
  // The live read's shape (the fake records filters, it does not evaluate them).
  const filter = [
    'log_id("events")',
    `resource.labels.cluster_name="${BENCH_CLUSTER}"`,
    'jsonPayload.reason=("Pulling" OR "Pulled" OR "ImageStreaming")',
    `timestamp>="${since.toISOString()}"`,
    `timestamp<="${until.toISOString()}"`,
  ].join(' AND ');

  const before = memoryMB();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const events: PullEvent[] = [];
  let kept = 0;
  // readEntries' outer bounds: 100 pages of 1000, enough for the default 100,000.
  const read = await readEntries(
    logging,
    { project: BENCH_PROJECT, filter, orderBy: 'timestamp desc', pageSize: 1000, maxPages: 100 },
    which === 'page'
      ? () => {
          kept += 1;
        }
      : (entry) => {
          const e = pullEventOf(entry);
          if (e.kind !== 'other' && e.kind !== 'unreadable') events.push(e);
        },
  );
  const t1 = performance.now();
  const cpu1 = process.cpuUsage(cpu0);
  const afterRead = memoryMB();
  let result: object = { entriesHandedOn: kept };
  if (which === 'analyze') {
    const report = analyzePulls(events, { cluster: BENCH_CLUSTER, since: '7d', pools });
    const message = pullsMessage(report);
    const t = report.totals.pulls;
    result = {
      pullEvents: events.length,
      pulls: t,
      images: report.images.length,
      notStreamedImages: report.images.filter((i) => i.notStreamed.length > 0).length,
      savedSeconds: report.totals.savedSeconds,
      unparsedWithoutImage: report.unparsedWithoutImage,
      messageBlocks: message.blocks.length,
    };
  }
  const t2 = performance.now();
  const cpu2 = process.cpuUsage(cpu0);
  const heapAtEnd = process.memoryUsage().heapUsed;
  const after = memoryMB();
  // What is still reachable once the work is done (run with --expose-gc): the analysis's events
  // are, as in a handler that has not returned yet.
  global.gc?.();
  const heapAfterGc = process.memoryUsage().heapUsed;
  if (events.length < 0) throw new Error('unreachable: keeps the events reachable until here');
  const cpuMs = (c: NodeJS.CpuUsage) => Math.round((c.user + c.system) / 1000);
  process.stdout.write(
    JSON.stringify({
      case: which,
      entriesRead: read.entriesRead,
      pages: read.pages,
      truncated: read.truncated,
      wallMs: Math.round(t2 - t0),
      readWallMs: Math.round(t1 - t0),
      analyzeWallMs: Math.round(t2 - t1),
      cpuMs: cpuMs(cpu2),
      readCpuMs: cpuMs(cpu1),
      entriesPerSecond: Math.round(read.entriesRead / ((t2 - t0) / 1000)),
      rssBeforeMB: before.rss,
      vmHwmAfterReadMB: afterRead.hwm,
      vmHwmMB: after.hwm,
      growthMB: after.hwm - before.rss,
      heapUsedAtEndMB: Math.round(heapAtEnd / MB),
      heapUsedAfterGcMB: Math.round(heapAfterGc / MB),
      ...result,
    }) + '\n',
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`pulls-case: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
