/**
 * Job throughput: BENCH_JOBS `/imagestream check IMAGE --cluster web --pool default-pool` commands
 * through the whole bot (Bolt ack, BullMQ in Redis, a worker, the reply on the response URL), the
 * image read from the real CNCF registry and the cluster, API, repository and IAM facts from the
 * Google API fake. Per command: sent -> its reply posted to the response-URL fake.
 *
 * Baseline, same run, same bot, same Redis: as many `status web` commands, which take the same
 * path (ack, enqueue, worker, Block Kit reply) but make one API call. The ratio is what the check's
 * own work costs (registry token + manifest + config blob, four Google reads, the rules) on top of
 * the job machinery; a no-op BullMQ job would leave out the reply path a user waits for.
 */
import { FakeGoogleApis, FAKE_TOKEN, startFakeGoogleApis } from '../test/fakes/google-apis';
import { scenarioState, TARGETS } from '../test/fakes/google-apis-scenario';
import { Harness, startHarness } from '../test/support/bot-harness';
import { layerOf, pushImage } from '../test/support/registry-images';
import { RegistryServer, startRegistry } from '../test/support/registry-server';
import { until } from '../test/support/until';
import { startLoadGenerator } from './load-generator';
import { round2, summarize } from './stats';

const N = Number(process.env.BENCH_JOBS ?? 1000);
const IN_FLIGHT = Number(process.env.BENCH_ACK_IN_FLIGHT ?? 50);
const WEB = TARGETS.standard;
const IMAGE = `us-east1-docker.pkg.dev/${WEB.project}/web/frontend:v5`;

export async function benchJobThroughput(): Promise<void> {
  let registry: RegistryServer | undefined;
  let google: FakeGoogleApis | undefined;
  let h: Harness | undefined;
  const load = startLoadGenerator();
  try {
    registry = await startRegistry();
    google = await startFakeGoogleApis(scenarioState());
    await pushImage(registry.url, `${WEB.project}/web/frontend`, {
      format: 'docker',
      tag: 'v5',
      layers: [layerOf({ app: '1' }), layerOf({ lib: '2' })],
    });
    const extra: NodeJS.ProcessEnv = {
      GOOGLE_CLOUD_PROJECT: WEB.project,
      IMAGESTREAM_DEFAULT_LOCATION: WEB.location,
      GOOGLE_OAUTH_ACCESS_TOKEN: FAKE_TOKEN,
      IMAGESTREAM_REGISTRY_URL: registry.url,
      CONTAINER_API_ENDPOINT: google.url,
      ARTIFACTREGISTRY_API_ENDPOINT: google.url,
      SERVICEUSAGE_API_ENDPOINT: google.url,
      COMPUTE_API_ENDPOINT: google.url,
      CLOUDRESOURCEMANAGER_API_ENDPOINT: google.url,
    };
    if (process.env.BENCH_WORKER_CONCURRENCY)
      extra.IMAGESTREAM_WORKER_CONCURRENCY = process.env.BENCH_WORKER_CONCURRENCY;
    h = await startHarness(extra);
    const slack = h.slack;
    const port = h.bot.port!;

    /** Sends `count` commands, waits for every reply; per-command latency and the whole run's rate. */
    const measure = async (text: string, tag: string, count: number) => {
      const replies = new Map<string, number>();
      const seen = slack.calls.length;
      const started = Date.now();
      const { sentAt } = await load.run({
        port,
        texts: [text],
        count,
        inFlight: IN_FLIGHT,
        responseUrlPrefix: slack.responseUrlPrefix,
        tag,
      });
      let scanned = seen;
      const collect = () => {
        for (; scanned < slack.calls.length; scanned++) {
          const c = slack.calls[scanned]!;
          if (c.method === 'response_url' && c.responseId?.startsWith(tag) && !replies.has(c.responseId)) {
            replies.set(c.responseId, c.at);
          }
        }
        return replies.size >= count;
      };
      await until(collect, 300_000, `${count} replies to ${tag}`);
      const latencies = sentAt.map((at, i) => replies.get(`${tag}${i}`)! - at);
      const last = Math.max(...replies.values());
      const seconds = (last - started) / 1000;
      return { jobsPerSecond: round2(count / seconds), seconds: round2(seconds), e2eMs: summarize(latencies) };
    };

    const checkText = `check ${IMAGE} --cluster ${WEB.cluster} --pool default-pool`;
    const statusText = `status ${WEB.cluster}`;
    // Warm-up, and a check that the setup really yields reports: an eligible verdict, not an error.
    await measure(checkText, 'warm-check-', 20);
    await measure(statusText, 'warm-status-', 20);
    const sample = slack.callsOf('response_url').find((c) => c.responseId === 'warm-check-0')!;
    const sampleText = JSON.stringify(sample.body);
    if (!/eligible/i.test(sampleText) || /could not read/i.test(sampleText)) {
      throw new Error(`job bench: the check did not read the registry and APIs: ${sampleText.slice(0, 400)}`);
    }
    const check = await measure(checkText, 'check-', N);
    const status = await measure(statusText, 'status-', N);
    console.log(
      JSON.stringify({
        bench: 'job-throughput',
        jobs: N,
        inFlight: IN_FLIGHT,
        workerConcurrency: h.config.IMAGESTREAM_WORKER_CONCURRENCY,
        unit: 'ms',
        check,
        baselineStatus: status,
        ratioJobsPerSecond: round2(check.jobsPerSecond / status.jobsPerSecond),
        ratioP99: round2(check.e2eMs.p99 / status.e2eMs.p99),
        note: 'all commands are sent at once (50 acks in flight), so end-to-end time includes the wait in the queue',
      }),
    );
  } finally {
    await load.close();
    await h?.stop();
    await google?.close();
    await registry?.stop();
  }
}
