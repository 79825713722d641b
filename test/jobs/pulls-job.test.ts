/**
 * The `pulls` job against the GKE fake, with the real container client: it reads the cluster,
 * builds the events filter and answers through `deps.reply`. Until the events reader lands, the
 * registered job answers with the placeholder (pools found, the filter it will use); the seam
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

const { container, fake } = useGkeFake();

const IMAGE = 'europe-west1-docker.pkg.dev/acme-prod/web/frontend:v5';
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

describe('the registered pulls job (placeholder answer)', () => {
  it('reads the cluster and answers publicly with its pools and the filter it will use', async () => {
    const { deps, answers } = workerDeps();
    const run = createProcessor(deps, { home: async () => undefined });
    await run(bullJob(payload({ image: IMAGE, namespace: 'web' })));

    expect(answers).toHaveLength(1);
    expect(answers[0]!.replyTo).toEqual(replyTo);
    expect(answers[0]!.options).toEqual({ visibility: 'public' });
    const text = documentToText(answers[0]!.message);
    expect(text).toContain('== Image pulls on shop (last 6h) ==');
    // The standard fixture: default-pool follows the cluster (off), gpu-pool on, legacy-pool off.
    expect(text).toContain('Cluster shop (project acme-prod, europe-west1): 3 node pools, 1 with image streaming on.');
    expect(text).toContain('The pull events are not analysed yet. Filter that will be used:');
    expect(text).toMatch(/^timestamp >= "[^"]+"$/m);
    for (const clause of [
      'AND log_id("events")',
      'AND resource.labels.cluster_name = "shop"',
      'AND (resource.type = "k8s_node" OR resource.labels.namespace_name = "web")',
      `AND jsonPayload.message : "${IMAGE}"`,
    ]) {
      expect(text.split('\n')).toContain(clause);
    }
    expect(text).toContain('Open the query in the Logs Explorer');
    expect(fake().requests.filter((r) => r.route === 'clusters.get')).toHaveLength(1);
  });

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
