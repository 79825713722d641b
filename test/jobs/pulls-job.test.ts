/**
 * The `pulls` job with the real clients against loopback fakes: it reads the cluster, builds the
 * events filter and answers through `deps.reply`. The registered job reads the events from the
 * Logging fake and explains full pulls with check's rules (the Google fake); the seam
 * (`pullsJob`'s one parameter) is tested for what it is handed.
 */
import type { Job } from 'bullmq';
import { createProcessor } from '../../jobs';
import { pullsJob } from '../../jobs/pulls';
import type { PullsJobInput } from '../../jobs/read-and-analyse-pulls';
import type { JobReplyOptions, WorkerDeps } from '../../jobs/worker-deps';
import { AccessScope } from '../../src/access/access-scope';
import type { MessageDocument } from '../../src/chat/message-document';
import { documentToText } from '../../src/chat/document-to-text';
import { principalId } from '../../src/chat/principal-id';
import { textMessage } from '../../src/chat/message-document';
import { rich } from '../../src/chat/rich-text';
import { createLogger } from '../../src/logging/logger';
import type { JobData, JobPayload, ReplyTarget } from '../../src/queue/job-schemas';
import { SHOP, useGkeFake } from '../gke/gke-test-setup';
import { PROD_1, PullsWorld, startPullsWorld } from '../pulls/pulls-world';

const { container, fake } = useGkeFake();

const replyTo = { conversation: { platform: 'text', space: 'ops-room' }, requester: principalId('text', 'alice') };
const NOW = new Date('2024-03-05T13:00:00Z');

interface Answer {
  replyTo: ReplyTarget;
  message: MessageDocument;
  options?: JobReplyOptions;
}

function workerDeps(scope = new AccessScope()) {
  const answers: Answer[] = [];
  const deps = {
    logger: createLogger({ level: 'silent' }),
    container: container(),
    scope,
    reply: async (to: ReplyTarget, message: MessageDocument, options?: JobReplyOptions) => {
      answers.push({ replyTo: to, message, options });
    },
  } as Partial<WorkerDeps> as WorkerDeps;
  return { deps, answers };
}

/** What BullMQ hands the processor, as far as it reads it. */
function bullJob(data: unknown, attempts = 3): Job {
  return { name: 'pulls', data, id: '1', attemptsMade: 0, opts: { attempts } } as unknown as Job;
}

const payload = (extra: Partial<JobPayload<'pulls'>> = {}): JobPayload<'pulls'> => ({
  replyTo,
  target: { ...SHOP },
  since: '6h',
  ...extra,
});

describe('the registered pulls job', () => {
  let world: PullsWorld;
  beforeAll(async () => {
    world = await startPullsWorld();
  });
  beforeEach(() => {
    world.logging.requests.length = 0;
    world.logging.failWith(403, 'reset', 0);
  });
  afterAll(async () => {
    await world.close();
  });

  /** The worker's deps for cluster prod-1: GKE and check's APIs on the Google fake, Cloud Logging on its fake. */
  function liveDeps() {
    const { deps, answers } = workerDeps();
    const clients = world.deps.gather.googleClients();
    return { deps: { ...deps, ...world.deps, container: clients.container } as WorkerDeps, answers };
  }

  it('answers publicly with the pulls, the histogram and the rule each full pull on a streaming pool fails', async () => {
    const { deps, answers } = liveDeps();
    const run = createProcessor(deps, { home: async () => undefined });
    await run(bullJob({ replyTo, target: { ...PROD_1 }, since: '7d' }));

    expect(answers).toHaveLength(1);
    expect(answers[0]!.options).toEqual({ visibility: 'public' });
    const text = documentToText(answers[0]!.message);
    expect(text).toContain('== Image pulls on prod-1 (last 7d) ==');
    expect(text).toContain(
      '10 pulls of 4 images: 2 streamed, 3 cached, 3 full, 2 unparsed. Time saved by streaming: 44.7s',
    );
    expect(text).toContain(
      'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5: 2 streamed, 2 cached, 1 full',
    );
    expect(text).toMatch(
      /gcr\.io\/acme-prod\/legacy-api:2\.3 on pool web: artifact-registry: gcr\.io is not an Artifact Registry host/,
    );
    expect(text).toMatch(
      /trainer:1\.0 on pool ml: node-scopes: nodes lack the scope https:\/\/www\.googleapis\.com\/auth\/devstorage\.read_only/,
    );
    expect(text).toContain('Fix: move the image to Artifact Registry');
    expect(text).toContain('worker:3 on pool web: cached on the node: expected');
    expect(text).toMatch(/^ *pull time +streamed +full$/m);
    expect(text).toContain('1 log entry was not a Kubernetes event and could not be read (not counted).');
    expect(text).toContain('Open the query in the Logs Explorer · 20 log entries read');
    expect(text).not.toContain('Only the newest');
    expect(world.logging.requests).toHaveLength(1);
    expect(world.logging.requests[0]!.filter).toContain('resource.labels.cluster_name = "prod-1"');
  });

  it('names logging.logEntries.list privately on a 403, and is not retried', async () => {
    const { deps, answers } = liveDeps();
    world.logging.failWith(403, 'The caller does not have permission');
    const run = createProcessor(deps, { home: async () => undefined });
    await expect(run(bullJob({ replyTo, target: { ...PROD_1 }, since: '24h' }))).rejects.toMatchObject({
      name: 'UnrecoverableError',
    });
    expect(answers.map((a) => a.options)).toEqual([{ visibility: 'private' }]);
    const text = documentToText(answers[0]!.message);
    expect(text).toContain('logging.logEntries.list');
    expect(text).toContain('roles/logging.viewer');
  });
});

describe('the pulls job, payload and cluster checks', () => {
  it('refuses a payload whose namespace would leave its filter string, before any GKE call', async () => {
    const { deps, answers } = workerDeps();
    const run = createProcessor(deps, { home: async () => undefined });
    await expect(run(bullJob(payload({ namespace: 'web" OR "x' })))).rejects.toThrow(/^invalid pulls payload: /);
    expect(answers).toEqual([]);
    expect(fake().requests).toEqual([]);
  });

  it('refuses a project outside the allow-list, tells the user privately, and reads nothing', async () => {
    const { deps, answers } = workerDeps(new AccessScope(['other-proj']));
    const run = createProcessor(deps, { home: async () => undefined });
    await expect(run(bullJob(payload()))).rejects.toThrow(/project acme-prod is not one this bot may touch/);
    expect(answers.map((a) => a.options)).toEqual([{ visibility: 'private' }]);
    expect(fake().requests).toEqual([]);
  });

  it('a cluster that does not exist is said privately and not retried', async () => {
    const { deps, answers } = workerDeps();
    const run = createProcessor(deps, { home: async () => undefined });
    const missing = payload({ target: { ...SHOP, cluster: 'gone' } });
    await expect(run(bullJob(missing))).rejects.toMatchObject({ name: 'UnrecoverableError' });
    expect(answers).toHaveLength(1);
    expect(answers[0]!.options).toEqual({ visibility: 'private' });
    expect(documentToText(answers[0]!.message)).toContain('That did not work.');
    expect(documentToText(answers[0]!.message)).toContain('gone');
  });
});

describe('pullsJob: the seam where the events are read and analysed', () => {
  it('hands over the request, the cluster, each pool streaming state and the filter; posts what it returns', async () => {
    const seen: Array<{ input: PullsJobInput; logger: unknown }> = [];
    const run = pullsJob<'logger'>(
      async (input, deps) => {
        seen.push({ input, logger: deps.logger });
        return textMessage(rich`analysed ${input.request.target.cluster}`);
      },
      { now: () => NOW },
    );
    const { deps, answers } = workerDeps();
    await run(payload({ since: '1h', namespace: 'web' }) as JobData<'pulls'>, deps, bullJob(undefined));

    expect(seen).toHaveLength(1);
    const { input } = seen[0]!;
    expect(seen[0]!.logger).toBe(deps.logger);
    expect(input.request).toEqual({ target: SHOP, since: '1h', namespace: 'web' });
    expect(input.cluster.name).toBe('shop');
    expect(input.streaming.clusterDefault).toBe(false);
    expect(input.streaming.pools.map((p) => [p.pool.name, p.streaming, p.source])).toEqual([
      ['default-pool', false, 'cluster'],
      ['gpu-pool', true, 'explicit'],
      ['legacy-pool', false, 'cluster'],
    ]);
    expect(input.filter).toBe(
      [
        'timestamp >= "2024-03-05T12:00:00.000Z"',
        'AND log_id("events")',
        'AND resource.type = ("k8s_pod" OR "k8s_node")',
        'AND resource.labels.project_id = "acme-prod"',
        'AND resource.labels.location =~ "^europe-west1(-[a-z])?$"',
        'AND resource.labels.cluster_name = "shop"',
        'AND jsonPayload.reason = ("Pulling" OR "Pulled" OR "ImageStreaming")',
        'AND (resource.type = "k8s_node" OR resource.labels.namespace_name = "web")',
      ].join('\n'),
    );
    expect(answers).toEqual([
      { replyTo, message: textMessage(rich`analysed shop`), options: { visibility: 'public' } },
    ]);
  });
});
