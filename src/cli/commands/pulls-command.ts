import { imageReferenceSchema } from '../../images/image-reference-schema';
import { namespaceNameSchema } from '../../kubernetes/namespace-name';
import { Command } from 'commander';
import { z } from 'zod';
import { readEntriesText } from '../../classifier/classify-stream';
import { UsageError, errorMessage } from '../../errors';
import { gkeNameSchema } from '../../google/cluster-target';
import { explainNotStreamed } from '../../pulls/explain-not-streamed';
import { NodePools, readNodePools } from '../../pulls/node-pools';
import { offlinePoolCheck } from '../../pulls/offline-pool-check';
import { PullEvent, PullEventResult, pullEventOf } from '../../pulls/pull-event';
import { analyzePulls, clustersOf, pullsJson } from '../../pulls/pulls-report';
import { CliIo, EXIT } from '../cli-io';
import { helpExamples } from '../help-examples';
import { parseOrUsage } from '../parse-or-usage';
import { renderPullsText } from '../render/pulls-text';

/** Shown under `imagestream pulls --help`; test/adapters/slack/help-examples.test.ts parses each one. */
const PULLS_EXAMPLES = [
  'imagestream pulls --events events.json',
  'imagestream pulls --events - --json --namespace web --cluster prod-1',
];

const PullsFlags = z.object({
  events: z.string().min(1, 'give a FILE, or - for standard input'),
  pools: z.string().min(1).optional(),
  json: z.boolean().optional(),
  image: imageReferenceSchema.optional(),
  namespace: namespaceNameSchema.optional(),
  cluster: gkeNameSchema.optional(),
});

/**
 * `imagestream pulls --events FILE|-`: which pulls were streamed, served from the node's cache or
 * pulled in full, per image, from exported Kubernetes events, and why an image was not streamed.
 */
export function pullsCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('pulls')
    .description(
      'Image pulls from Kubernetes events (Cloud Logging entries): streamed, cached or full, pull times, time saved, why not streamed',
    )
    .requiredOption(
      '--events <file>',
      'LogEntries of the events log: JSON lines, an entries.list response or a JSON array; "-" reads standard input',
    )
    .option(
      '--pools <file>',
      'the node pools (a nodePools.list response): maps nodes to pools, tells which pools stream, runs the pool rules',
    )
    .option(
      '--json',
      'print one JSON object: {cluster, since, images: [{image, pulls, seconds, savedSeconds, notStreamed}]}',
    )
    .option('--image <image>', 'only this image')
    .option('--namespace <namespace>', 'only pods of this namespace')
    .option('--cluster <cluster>', 'only events of this cluster (needed when the entries hold several)')
    .addHelpText(
      'after',
      '\nsavedSeconds = (median full pull - median streamed pull) x streamed pulls, when both exist; otherwise null.\n' +
        helpExamples(PULLS_EXAMPLES),
    )
    .action(async (raw: Record<string, unknown>) => {
      const flags = parseOrUsage(PullsFlags, raw);
      const pools = flags.pools === undefined ? undefined : await readPoolsFile(io, flags.pools);
      const read = readEntriesText<{ line: number; result: PullEventResult }>(await readSource(io, flags.events), {
        read: (value, line) => ({ line, result: pullEventOf(value) }),
        notJson: (line, reason) => ({ line, result: { kind: 'unreadable', reason } }),
      });
      const events = read
        .map((r) => r.result)
        .filter((r): r is PullEvent => r.kind !== 'other' && r.kind !== 'unreadable');
      const clusters = clustersOf(events);
      if (flags.cluster === undefined && clusters.length > 1) {
        throw new UsageError(
          `the events come from ${clusters.length} clusters (${clusters.join(', ')}): pick one with --cluster`,
        );
      }
      const earliest = events.reduce((min, e) => Math.min(min, e.at), Infinity);
      const analysis = analyzePulls(events, {
        cluster: flags.cluster,
        since: Number.isFinite(earliest) ? new Date(earliest).toISOString() : null,
        pools,
        image: flags.image,
        namespace: flags.namespace,
      });
      const report = await explainNotStreamed(analysis, offlinePoolCheck(pools, { cluster: analysis.cluster }));
      // Unreadable entries go to stderr, as `line N: error: ...` like classify's: stdout stays the report.
      const bad = read.filter((r) => r.result.kind === 'unreadable');
      for (const r of bad) io.stderr(`line ${r.line}: error: ${(r.result as { reason: string }).reason}\n`);
      io.stdout(flags.json ? JSON.stringify(pullsJson(report), null, 2) + '\n' : renderPullsText(report));
      setExit(bad.length > 0 ? EXIT.failed : EXIT.ok);
    });
}

async function readPoolsFile(io: CliIo, file: string): Promise<NodePools> {
  const text = await readSource(io, file);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--pools ${file}: not JSON: ${errorMessage(err).slice(0, 200)}`);
  }
  const pools = readNodePools(value);
  if ('error' in pools) throw new UsageError(`--pools ${file}: ${pools.error.slice(0, 300)}`);
  return pools;
}

async function readSource(io: CliIo, file: string): Promise<string> {
  if (file === '-') return io.readStdin();
  try {
    return await io.readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: ${code === 'ENOENT' ? 'no such file' : errorMessage(err)}`);
  }
}
