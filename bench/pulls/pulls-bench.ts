/**
 * `pulls` over BENCH_PULL_EVENTS Kubernetes pull events (default 100,000): time and peak memory of
 * the analysis against just paging through the same entries. The entries (pull-event-entries.ts)
 * are served by the Cloud Logging fake over a loopback socket; each case runs in its own process
 * (pulls-case.ts) reading them with readEntries through @google-cloud/logging, so VmHWM is that
 * case's alone. Cases alternate (page, analyze, page, ...) BENCH_PULL_ROUNDS times; figures are
 * medians. Then the offline CLI (`imagestream pulls --events FILE --json`, the built one) on the
 * same entries as a JSON-lines file, against the same command on an empty file (its start-up).
 * One JSON line.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeLogging } from '../../test/fakes/logging-api';
import { round2 } from '../stats';
import { BENCH_CLUSTER, benchNodePools, pullEventEntries } from './pull-event-entries';

const N = Number(process.env.BENCH_PULL_EVENTS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_PULL_ROUNDS ?? 3);
const ROOT = path.join(__dirname, '..', '..');

type Figures = Record<string, unknown> & {
  wallMs: number;
  cpuMs: number;
  entriesPerSecond: number;
  vmHwmMB: number;
  growthMB: number;
  heapUsedAtEndMB: number;
  heapUsedAfterGcMB: number;
};

/** Runs `node ARGS`, resolving with its stdout and stderr once it exited 0. */
function run(args: string[]): Promise<{ stdout: string; stderr: string; wallMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('exit', (code) => {
      const wallMs = performance.now() - started;
      const stdout = Buffer.concat(out).toString();
      const stderr = Buffer.concat(err).toString();
      if (code === 0) resolve({ stdout, stderr, wallMs });
      else reject(new Error(`node ${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`));
    });
  });
}

async function runCase(which: 'page' | 'analyze', url: string): Promise<Figures> {
  const { stdout } = await run([
    '--expose-gc',
    '--require',
    'tsx/cjs',
    path.join(__dirname, 'pulls-case.ts'),
    which,
    url,
  ]);
  return JSON.parse(stdout.trim().split('\n').pop()!) as Figures;
}

/** The built CLI with exit-stats.cjs preloaded: wall time from here, CPU and VmHWM from the process. */
async function runCli(args: string[]): Promise<{ wallMs: number; cpuMs: number; vmHwmMB: number; stdout: string }> {
  const { stdout, stderr, wallMs } = await run([
    '--require',
    path.join(__dirname, 'exit-stats.cjs'),
    path.join(ROOT, 'bin', 'imagestream.js'),
    ...args,
  ]);
  const line = stderr.split('\n').find((l) => l.startsWith('exit-stats '));
  if (!line) throw new Error(`imagestream ${args.join(' ')}: no exit-stats line in ${stderr.slice(-500)}`);
  return { wallMs: Math.round(wallMs), ...(JSON.parse(line.slice('exit-stats '.length)) as object), stdout } as {
    wallMs: number;
    cpuMs: number;
    vmHwmMB: number;
    stdout: string;
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const NUMERIC = [
  'wallMs',
  'readWallMs',
  'analyzeWallMs',
  'cpuMs',
  'readCpuMs',
  'entriesPerSecond',
  'rssBeforeMB',
  'vmHwmAfterReadMB',
  'vmHwmMB',
  'growthMB',
  'heapUsedAtEndMB',
  'heapUsedAfterGcMB',
];

/** The last round's figures with every timing and memory figure replaced by the median over rounds. */
function medianOf(runs: Figures[]): Figures {
  const out: Record<string, unknown> = { ...runs[runs.length - 1]!, case: undefined, rounds: runs.length };
  for (const key of NUMERIC) out[key] = round2(median(runs.map((r) => Number(r[key]))));
  return out as Figures;
}

export async function benchPulls(): Promise<void> {
  const generated = performance.now();
  const entries = pullEventEntries(N);
  const generateMs = Math.round(performance.now() - generated);
  const fake = await startFakeLogging(entries);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pulls-bench-'));
  try {
    const page: Figures[] = [];
    const analyze: Figures[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      page.push(await runCase('page', fake.url));
      analyze.push(await runCase('analyze', fake.url));
    }
    const a = medianOf(page);
    const b = medianOf(analyze);

    // The offline CLI on the same entries, as `gcloud logging read` output saved as JSON lines.
    const file = path.join(dir, 'events.jsonl');
    writeFileSync(file, entries.map((e) => JSON.stringify(e)).join('\n') + '\n');
    const empty = path.join(dir, 'empty.jsonl');
    writeFileSync(empty, '');
    const pools = path.join(dir, 'pools.json');
    writeFileSync(pools, JSON.stringify(benchNodePools()));
    const cliArgs = (events: string) => [
      'pulls',
      '--events',
      events,
      '--pools',
      pools,
      '--cluster',
      BENCH_CLUSTER,
      '--json',
    ];
    const cli = await runCli(cliArgs(file));
    const startup = await runCli(cliArgs(empty));
    const cliImages = (JSON.parse(cli.stdout) as { images: unknown[] }).images.length;

    console.log(
      JSON.stringify({
        bench: 'pulls',
        entries: N,
        rounds: ROUNDS,
        generateMs,
        listRequests: fake.requests.length,
        page: a,
        analyze: b,
        ratio: {
          wall: round2(b.wallMs / a.wallMs),
          cpu: round2(b.cpuMs / a.cpuMs),
          vmHwm: round2(b.vmHwmMB / a.vmHwmMB),
          growth: round2(b.growthMB / a.growthMB),
        },
        analyzeExtraMB: round2(b.vmHwmMB - a.vmHwmMB),
        cliOffline: {
          fileMB: round2(statSync(file).size / 1024 / 1024),
          wallMs: cli.wallMs,
          cpuMs: cli.cpuMs,
          vmHwmMB: cli.vmHwmMB,
          images: cliImages,
          emptyFile: { wallMs: startup.wallMs, cpuMs: startup.cpuMs, vmHwmMB: startup.vmHwmMB },
        },
      }),
    );
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
