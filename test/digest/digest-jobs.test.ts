/**
 * The weekly digest over real Redis and BullMQ, the real container client against the GKE fake:
 * the job scheduler (one per queue however many workers start), the tick's fan-out per routed
 * cluster under deterministic ids (a retried tick queues nothing new), and the cluster job posting
 * the digest to each destination once, through fake messengers of the Slack and Chat platforms.
 * The processors are called directly with the jobs BullMQ stored: no worker, no waiting.
 */
import { Job, Queue } from 'bullmq';
import type Redis from 'ioredis';
import { createProcessor } from '../../jobs';
import { digestClusterJob } from '../../jobs/digest-cluster';
import type { WorkerDeps } from '../../jobs/worker-deps';
import { AccessScope } from '../../src/access/access-scope';
import { alertRoutes } from '../../src/alerts/alert-routes';
import type { ConversationRef, MessageRef } from '../../src/chat/conversation-ref';
import { documentToText } from '../../src/chat/document-to-text';
import type { MessageDocument } from '../../src/chat/message-document';
import type { Messenger } from '../../src/chat/messenger';
import { messengers } from '../../src/chat/messengers';
import { DIGEST_JOB_NAME, DIGEST_SCHEDULER_ID, syncDigestSchedule } from '../../src/digest/digest-schedule';
import { createLogger } from '../../src/logging/logger';
import type { ReadPullsInput, PullsReportRead } from '../../src/pulls/read-pulls-report';
import type { PullsReport } from '../../src/pulls/pulls-report';
import { JobQueue } from '../../src/queue/job-queue';
import { connectRedis, deleteKeys, uniquePrefix } from '../approvals/redis-test-keys';
import { JOBS, SHOP, loadGkeCluster, useGkeFake } from '../gke/gke-test-setup';

const { container, fake } = useGkeFake();
const OTHER = { project: 'other-team', location: 'europe-west1', cluster: 'web' } as const;

/** A messenger of one platform that records its posts; `refuse` makes the next posts fail. */
class RecordingMessenger implements Messenger {
  readonly posts: Array<{ to: ConversationRef; document: MessageDocument }> = [];
  refuse = false;
  constructor(readonly platform: string) {}
  async post(to: ConversationRef, document: MessageDocument): Promise<MessageRef> {
    if (this.refuse) throw new Error(`${this.platform} is down`);
    this.posts.push({ to, document });
    return { platform: this.platform, space: to.space, message: `m${this.posts.length}` };
  }
  async reply(): Promise<void> {}
  async update(): Promise<void> {}
  async tellPrivately(): Promise<void> {}
}

/** One image fully pulled on a streaming pool, with the failing rule: what the pulls reader returns. */
const REPORT: PullsReport = {
  cluster: 'shop',
  since: '7d',
  images: [
    {
      image: 'europe-west1-docker.pkg.dev/acme-prod/web/frontend:v5',
      pulls: { streamed: 4, cached: 1, full: 2, unparsed: 0 },
      seconds: { streamed: { median: 1.54, p90: 2 }, full: { median: 23.9, p90: 25 } },
      savedSeconds: 89.44,
      notStreamed: [
        {
          pool: 'gpu-pool',
          reason: 'the repository is not in the nodes region',
          rule: 'region',
          fix: 'move the image to europe-west1',
        },
      ],
      pools: [],
      times: { streamed: [1.54, 1.54, 1.54, 2], full: [23.9, 25] },
    },
  ],
  totals: { pulls: { streamed: 4, cached: 1, full: 2, unparsed: 0 }, savedSeconds: 89.44 },
  unparsedWithoutImage: 0,
  poolSource: 'pools list',
};

let redis: Redis;
let prefix: string;
let queue: Queue;
let jobs: JobQueue;
let slack: RecordingMessenger;
let gchat: RecordingMessenger;
let reads: ReadPullsInput[];
let logLines: Array<Record<string, unknown>>;

function deps(scope: AccessScope, routes: Record<string, string>, fallback = '', served = [slack, gchat]): WorkerDeps {
  return {
    logger: createLogger({ level: 'info', destination: { write: (l: string) => void logLines.push(JSON.parse(l)) } }),
    container: container(),
    scope,
    queue: jobs,
    messengers: messengers(...served),
    digest: { routes: alertRoutes(routes, fallback), projects: ['acme-prod', 'other-team', 'acme-prod'] },
  } as Partial<WorkerDeps> as WorkerDeps;
}

const injectedReader = async (input: ReadPullsInput): Promise<PullsReportRead> => {
  reads.push(input);
  return { report: REPORT, entriesRead: 12, truncated: false, unreadable: 0 };
};

/** The processor of the worker, with the pulls reader injected for the cluster job. */
function processor(d: WorkerDeps) {
  const run = createProcessor(d, { home: async () => undefined });
  const cluster = digestClusterJob(injectedReader);
  return async (job: Job) => (job.name === 'digest-cluster' ? cluster(job.data, d, job) : run(job));
}

beforeAll(() => {
  redis = connectRedis();
});

beforeEach(async () => {
  prefix = uniquePrefix('digest');
  queue = new Queue('jobs', { connection: redis, prefix });
  jobs = new JobQueue(queue, redis);
  slack = new RecordingMessenger('slack');
  gchat = new RecordingMessenger('gchat');
  reads = [];
  logLines = [];
  fake().addCluster(OTHER, { ...loadGkeCluster('standard'), name: OTHER.cluster, location: OTHER.location });
});

afterEach(async () => {
  await queue.close();
  await deleteKeys(redis, prefix);
});

afterAll(() => redis.disconnect());

/** The tick job the scheduler stored, as a worker would take it. */
async function scheduledTick(): Promise<Job> {
  const next = await queue.upsertJobScheduler(
    DIGEST_SCHEDULER_ID,
    { pattern: '0 9 * * 1', tz: 'UTC' },
    { name: DIGEST_JOB_NAME, data: {} },
  );
  return (await Job.fromId(queue, next.id!))!;
}

async function clusterJobs(): Promise<Job[]> {
  return (await queue.getJobs(['waiting'])).filter((j) => j.name === 'digest-cluster');
}

describe('the digest scheduler', () => {
  it('two workers starting leave one scheduler with the pattern, and one tick queued', async () => {
    const second = new Queue('jobs', { connection: redis, prefix });
    const schedule = { pattern: '0 9 * * 1', tz: 'Europe/Paris' };
    await Promise.all([syncDigestSchedule(queue, schedule), syncDigestSchedule(second, schedule)]);
    await second.close();

    expect(await queue.getJobSchedulersCount()).toBe(1);
    expect(await queue.getJobScheduler(DIGEST_SCHEDULER_ID)).toMatchObject({
      name: DIGEST_JOB_NAME,
      pattern: '0 9 * * 1',
      tz: 'Europe/Paris',
    });
    const delayed = await queue.getJobs(['delayed']);
    expect(delayed.map((j) => j.name)).toEqual([DIGEST_JOB_NAME]);
    // Mondays 09:00 in Paris: 07:00 or 08:00 UTC.
    const at = new Date(delayed[0]!.opts.prevMillis!);
    expect(at.getUTCDay()).toBe(1);
    expect([7, 8]).toContain(at.getUTCHours());
  });

  it('turning the digest off removes the scheduler and its next tick', async () => {
    await syncDigestSchedule(queue, { pattern: '0 9 * * 1', tz: 'UTC' });
    expect(await syncDigestSchedule(queue, undefined)).toBe('off');
    expect(await queue.getJobScheduler(DIGEST_SCHEDULER_ID)).toBeUndefined();
    expect(await queue.getJobs(['delayed', 'waiting'])).toEqual([]);
  });
});

describe('a tick', () => {
  it('queues one job per routed cluster in scope, under an id of the tick and the cluster; a retry adds none', async () => {
    const d = deps(new AccessScope(['acme-prod']), { shop: 'C0123ABC+spaces/AAAA1234', web: 'C0999ZZZ' });
    const tick = await scheduledTick();
    const run = processor(d);
    await run(tick);
    await run(tick); // the same tick again: BullMQ retries it, or another replica took it after a stall

    const queued = await clusterJobs();
    const when = new Date(tick.opts.prevMillis!)
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z')
      .replace(/[-:]/g, '');
    expect(queued.map((j) => j.id)).toEqual([`digest-${when}-acme-prod.europe-west1.shop`]);
    expect(queued[0]!.data).toEqual({
      tick: when,
      target: { ...SHOP },
      destinations: [
        { platform: 'slack', space: 'C0123ABC' },
        { platform: 'gchat', space: 'spaces/AAAA1234' },
      ],
    });
    // `jobs` has no route; other-team is outside the scope, so not even listed.
    expect(fake().requests.some((r) => r.path.includes('other-team'))).toBe(false);
    expect(logLines.map((l) => l.message)).toEqual(
      expect.arrayContaining([
        'digest: project outside the access scope, skipped',
        'digest: no alert route for the cluster, skipped',
      ]),
    );
  });

  it('leaves out clusters in locations outside the scope', async () => {
    const d = deps(new AccessScope([], ['us-central1']), {}, 'C0123ABC');
    await processor(d)(await scheduledTick());
    expect((await clusterJobs()).map((j) => j.data.target)).toEqual([{ ...JOBS }]);
  });
});

describe("a cluster's digest", () => {
  async function queuedShopDigest(d: WorkerDeps): Promise<Job> {
    await processor(d)(await scheduledTick());
    const [job] = await clusterJobs();
    return job!;
  }

  it("posts the 7-day digest once to each of the cluster's destinations, and a retry posts nothing again", async () => {
    const d = deps(new AccessScope(), { shop: 'C0123ABC+spaces/AAAA1234' });
    const job = await queuedShopDigest(d);
    await processor(d)(job);
    await processor(d)((await Job.fromId(queue, job.id!))!);

    expect(slack.posts.map((p) => p.to)).toEqual([{ platform: 'slack', space: 'C0123ABC' }]);
    expect(gchat.posts.map((p) => p.to)).toEqual([{ platform: 'gchat', space: 'spaces/AAAA1234' }]);
    const text = documentToText(slack.posts[0]!.document);
    expect(text).toContain('Weekly image pulls on shop');
    expect(text).toContain('Streamed\n4');
    expect(text).toContain('Full\n2');
    expect(text).toContain('Time saved\n1m 29s');
    expect(text).toContain('region: the repository is not in the nodes region');
    expect(text).toContain('Fix: move the image to europe-west1');
    expect(text).toContain('/imagestream pulls shop --project acme-prod --location europe-west1 --since 7d');
    // The reader got the cluster as GKE describes it and the 7 days before the tick.
    expect(reads[0]!.request).toEqual({ target: { ...SHOP }, since: '7d' });
    expect(reads[0]!.cluster.name).toBe('shop');
    const start = new Date(
      job.data.tick.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'),
    );
    start.setUTCDate(start.getUTCDate() - 7);
    expect(reads[0]!.filter).toContain(`timestamp >= "${start.toISOString()}"`);
  });

  it('after a failed post, the retry posts only to the destination still missing', async () => {
    const d = deps(new AccessScope(), { shop: 'C0123ABC+spaces/AAAA1234' });
    const job = await queuedShopDigest(d);
    gchat.refuse = true;
    await expect(processor(d)(job)).rejects.toThrow('not posted to gchat/spaces/AAAA1234: gchat is down');
    gchat.refuse = false;
    await processor(d)((await Job.fromId(queue, job.id!))!);
    expect(slack.posts).toHaveLength(1);
    expect(gchat.posts).toHaveLength(1);
  });

  it('skips a destination whose platform this worker does not serve, with a log line', async () => {
    const d = deps(new AccessScope(), { shop: 'C0123ABC+spaces/AAAA1234' }, '', [slack]);
    await processor(d)(await queuedShopDigest(d));
    expect(slack.posts).toHaveLength(1);
    expect(gchat.posts).toHaveLength(0);
    expect(logLines).toContainEqual(
      expect.objectContaining({
        message: "digest: this worker does not serve the destination's platform, skipped",
        platform: 'gchat',
      }),
    );
  });
});
