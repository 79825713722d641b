/**
 * `npm run bench`: every benchmark, one JSON line of figures each (plus one describing the machine).
 * Figures are printed, never asserted; each compares against a baseline measured in the same run.
 * Needs Redis (REDIS_URL, default 127.0.0.1:6379), docker-registry and Go (pstest), as the tests do (.ci/run installs them).
 *
 * Knobs (environment):
 *   BENCH_N                    slash commands per case in the ack benches (Slack and Google Chat), bot and baseline each (1000)
 *   BENCH_ACK_IN_FLIGHT        requests in flight in the ack benches (Slack and Google Chat) and the job bench (50)
 *   BENCH_VERIFY_N             Google Chat tokens verified one after another in the verify-only figure of chatack (2000)
 *   BENCH_JOBS                 check jobs, and as many status jobs for the baseline (1000)
 *   BENCH_WORKER_CONCURRENCY   IMAGESTREAM_WORKER_CONCURRENCY of the job bench (the config default, 5)
 *   BENCH_APPROVALS            approval clicks timed to the GKE update call (20)
 *   BENCH_STORM                Pub/Sub entries in the alert storm (100000)
 *   BENCH_STORM_CPU_PROF       a directory: the storm's bot writes a V8 CPU profile (--cpu-prof) there when it stops
 *   BENCH_STORM_NODE_ARGS      more node options for the storm's bot, space-separated (e.g. --require a heap logger)
 *   BENCH_STORM_AB             another checkout's directory: its build (DIR/dist) reads the same storm beside this
 *                              one (two versions compared under the same load); BENCH_STORM_AB_NODE_ARGS its options
 *   BENCH_STORM_IDLE_S         seconds the storm's bot idles after the storm before its memory is read again, every 10 s (30)
 *   BENCH_CHAT_STORM           Pub/Sub entries in the Google Chat storm, to a space and to a Slack channel each (20000)
 *   BENCH_CHAT_STORM_UPDATE_SECONDS  IMAGESTREAM_ALERT_UPDATE_SECONDS of the Google Chat storm's bots (the config default, 5; 1 makes the pacing bind)
 *   BENCH_FLOOD_REQUESTS       unauthenticated requests held open in the flood bench (150)
 *   BENCH_FLOOD_HOLD_SECONDS   how long the flood bench holds them, sampling the bot's RSS (20)
 *   BENCH_BURST                status jobs queued in the role-all process while its acks are timed (1000)
 *   BENCH_ACKJOBS_ROUNDS       rounds of the ack-under-jobs bench, each setup once per round (4)
 *   BENCH_BOT_ENV              JSON of extra bot environment for the ack-under-jobs bench (e.g. {"IMAGESTREAM_WORKER_THREAD":"false"})
 *   BENCH_PULL_EVENTS          Kubernetes pull events read and analysed in the pulls bench (100000; readEntries' bounds stop at 100 pages of 1000)
 *   BENCH_PULL_ROUNDS          rounds of the pulls bench, paging and analysing each once per round (3)
 *   BENCH_SCALE_ENTRIES        entries of each round of the storm's scale bench (40000)
 *   BENCH_SCALE_STREAMS        streaming pulls per replica in the scale bench (20; pstest gives each ~100 messages/s)
 *   BENCH_SCALE_REPLICAS       replica counts of the scale bench's rounds (1,2)
 *   BENCH_ONLY                 comma-separated subset: ack,ackjobs,jobs,approval,storm,stormscale,flood,chatack,chatstorm,pulls
 */
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { benchAckLatency } from './ack-latency';
import { benchAckUnderJobs } from './ack-under-jobs';
import { benchApprovalToApi } from './approval-to-api';
import { benchAlertStorm } from './alert-storm';
import { benchAlertStormScale } from './alert-storm-scale';
import { ensureFreshBuild } from './dist-fresh';
import { benchChatAckLatency } from './google-chat/chat-ack-latency';
import { benchChatAlertStorm } from './google-chat/chat-alert-storm';
import { benchJobThroughput } from './job-throughput';
import { benchPulls } from './pulls/pulls-bench';
import { round2 } from './stats';
import { benchUnsignedFlood } from './unsigned-flood';

process.env.METADATA_SERVER_DETECTION = 'none';

const BENCHES: Record<string, () => Promise<void>> = {
  ack: benchAckLatency,
  ackjobs: benchAckUnderJobs,
  jobs: benchJobThroughput,
  approval: benchApprovalToApi,
  storm: benchAlertStorm,
  stormscale: benchAlertStormScale,
  flood: benchUnsignedFlood,
  chatack: benchChatAckLatency,
  chatstorm: benchChatAlertStorm,
  pulls: benchPulls,
};

function cpuModel(): string {
  try {
    return /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? '?';
  } catch {
    return os.cpus()[0]?.model ?? '?';
  }
}

async function main(): Promise<void> {
  const only = (process.env.BENCH_ONLY ?? Object.keys(BENCHES).join(',')).split(',').map((s) => s.trim());
  const unknown = only.filter((name) => !BENCHES[name]);
  if (unknown.length > 0)
    throw new Error(`BENCH_ONLY: unknown ${unknown.join(', ')} (known: ${Object.keys(BENCHES).join(', ')})`);
  console.log(
    JSON.stringify({
      machine: {
        cpus: os.cpus().length,
        model: cpuModel(),
        ramGB: Math.round(os.totalmem() / 1e9),
        loadAverage: os.loadavg().map(round2),
        node: process.version,
        platform: `${process.platform} ${os.release()}`,
        date: new Date().toISOString(),
      },
    }),
  );
  // The ack benches, the storms and the flood spawn the built bot, the pulls bench the built CLI:
  // build first so they run the sources as they are.
  if (
    only.some((name) =>
      ['storm', 'stormscale', 'ack', 'ackjobs', 'flood', 'chatack', 'chatstorm', 'pulls'].includes(name),
    )
  )
    ensureFreshBuild();
  const started = performance.now();
  for (const name of only) await BENCHES[name]!();
  console.log(JSON.stringify({ totalSeconds: Math.round((performance.now() - started) / 1000) }));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
