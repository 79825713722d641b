/**
 * Issue 10's proof that the chat seam holds: a second, test-only adapter (plain text, platform
 * `text`, nothing of Slack's) drives the same core as Slack does. Commands go through runCommand,
 * clicks through buttonActionOf + runButton, the jobs run on real BullMQ workers over Redis
 * against the GKE fake, approvals through the approval store and the approver policy, and an alert
 * from the alert store through the outbox to a `text` room. Every assertion reads the transcript
 * as a person in the room would: plain text (documentToText).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { createProcessor } from '../../jobs';
import type { WorkerDeps } from '../../jobs/worker-deps';
import type { WebDeps } from '../../handlers/web-deps';
import { AccessScope } from '../../src/access/access-scope';
import { AlertStore } from '../../src/alerts/alert-store';
import { AlertOutbox } from '../../src/alerts/outbox';
import { outboxSenders } from '../../src/alerts/outbox-senders';
import { outcomeToOutbox } from '../../src/alerts/outcome-to-outbox';
import type { AlertState } from '../../src/alerts/problem';
import { readAlertMessage } from '../../src/alerts/read-alert-message';
import { ApprovalStore } from '../../src/approvals/approval-store';
import { ApproverPolicy } from '../../src/approvals/approver-policy';
import { AuditLog } from '../../src/audit/audit-log';
import { messengers } from '../../src/chat/messengers';
import { createLogger } from '../../src/logging/logger';
import { BotMetrics } from '../../src/metrics/bot-metrics';
import { JobQueue } from '../../src/queue/job-queue';
import { QUEUE_NAMES } from '../../src/queue/queue-names';
import { alertMessage, stillHappeningMessage } from '../../src/render/alert-message';
import { connectRedis, deleteKeys, uniquePrefix } from '../approvals/redis-test-keys';
import { sinkEntry } from '../alerts/sink-entries';
import { SHOP, fastOptions, useGkeFake } from '../gke/gke-test-setup';
import { type ImportEdge, reachedImports } from '../support/import-graph';
import { TEST_REDIS } from '../support/redis-url';
import { TextApproverDirectory } from '../support/text-adapter/text-approver-directory';
import { TextChat } from '../support/text-adapter/text-chat';
import { TextMessenger, type TranscriptLine, isTextMessage } from '../support/text-adapter/text-messenger';
import { TextOutboxSender } from '../support/text-adapter/text-outbox-sender';

const ADAPTER_DIR = path.join(__dirname, '..', 'support', 'text-adapter');
const ALERT_ROOM = 'alerts-room';

const { container, fake } = useGkeFake();

let redis: Redis;
/** BullMQ workers block on their connection: theirs never gives up a command. */
let workerRedis: Redis;
let prefix: string;
let queues: Queue[];
let workers: Worker[];
let outbox: AlertOutbox<AlertState>;
let alertStore: AlertStore;
let text: TextMessenger;
let chat: TextChat;

beforeAll(async () => {
  redis = connectRedis();
  workerRedis = new Redis({ ...TEST_REDIS, maxRetriesPerRequest: null });
  prefix = uniquePrefix('text-adapter');
  const logger = createLogger({ level: 'silent' });
  queues = QUEUE_NAMES.map((name) => new Queue(name, { connection: redis, prefix }));
  const [jobsQueue, changes, replies] = queues as [Queue, Queue, Queue];
  const queue = new JobQueue(jobsQueue, redis, { changes, replies });
  const approvals = new ApprovalStore(redis, { keyPrefix: `${prefix}approvals:` });
  const audit = new AuditLog(redis, logger, { key: `${prefix}audit` });
  const scope = new AccessScope();
  text = new TextMessenger();
  alertStore = new AlertStore(redis, {
    keyPrefix: `${prefix}alerts:`,
    destinationFor: () => ({ platform: 'text', space: ALERT_ROOM }),
    messageIdFits: isTextMessage,
  });
  outbox = new AlertOutbox<AlertState>({
    connection: workerRedis,
    prefix: `${prefix}outbox`,
    senders: outboxSenders(new TextOutboxSender(text)),
    alerts: alertStore,
    render: alertMessage,
    renderStillHappening: stillHappeningMessage,
    updateIntervalMs: 10,
    retryBaseMs: 10,
    retryMaxMs: 50,
    logger,
  });
  outbox.startWorker();

  const webDeps: WebDeps = {
    config: {
      GOOGLE_CLOUD_PROJECT: SHOP.project,
      IMAGESTREAM_DEFAULT_LOCATION: SHOP.location,
      IMAGESTREAM_MUTATION_CHANNELS: [],
      IMAGESTREAM_PLATFORM: 'linux/amd64',
      IMAGESTREAM_MUTE_BY: 'approvers',
      IMAGESTREAM_ACK_REDIS_TIMEOUT_MS: 5000,
    },
    logger,
    queue,
    approvals,
    approvers: new ApproverPolicy([new TextApproverDirectory(['alice', 'bob'])]),
    audit,
    alerts: { store: alertStore, outbox },
    metrics: new BotMetrics({ processMetrics: false }),
    scope,
  };
  // What the jobs of this test use; the Google clients they do not reach are left out.
  const workerDeps = {
    logger,
    container: container(),
    reply: async (replyTo, message, opts = {}) => {
      await queue.enqueue('reply', { replyTo, message, ...opts }, { removeOnComplete: true });
    },
    messengers: messengers(text),
    scope,
    approvals,
    audit,
    queue,
    alerts: alertStore,
    quotaRequest: { multiple: 2 },
    applyOptions: fastOptions(),
  } satisfies Partial<WorkerDeps> as Partial<WorkerDeps> as WorkerDeps;
  const processor = createProcessor(workerDeps, { home: async () => undefined });
  workers = QUEUE_NAMES.map((name) => new Worker(name, processor, { connection: workerRedis, prefix }));
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  chat = new TextChat(text, webDeps);
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await outbox.close();
  await Promise.all(queues.map((q) => q.close()));
  await deleteKeys(redis, prefix);
  redis.disconnect();
  workerRedis.disconnect();
});

/** The transcript as the room reads it, for a failure message. */
const transcript = () => text.transcript.map((l) => `[${l.kind} ${l.message ?? l.user ?? ''}] ${l.text}`).join('\n');

/** The first line after `from` that matches (jobs answer later than the ack). */
function after(from: number, match: (line: TranscriptLine) => boolean): Promise<TranscriptLine> {
  return text.waitFor((line) => text.transcript.indexOf(line) >= from && match(line), 10_000);
}

it('the text adapter, and all it reaches of the core, imports nothing of Slack', () => {
  const root = path.join(__dirname, '..', '..');
  const adapter = fs.readdirSync(ADAPTER_DIR).map((file) => path.join(ADAPTER_DIR, file));
  const slack = (edge: ImportEdge) =>
    /^@slack\//.test(edge.specifier) || /^(adapters|src)\/slack\//.test(edge.resolved ?? '');
  // Its own files first (the brief's rule), then everything they and this test reach.
  const direct = reachedImports(root, adapter).filter((edge) => adapter.includes(path.join(root, edge.from)));
  expect(direct.length).toBeGreaterThan(10);
  expect(direct.filter(slack)).toEqual([]);
  const reached = reachedImports(root, [...adapter, __filename]);
  expect(reached.some((edge) => edge.resolved === 'handlers/commands/run-command.ts')).toBe(true);
  expect(reached.filter(slack)).toEqual([]);
});

it('status: acked at once, then the job answers the room in public', async () => {
  const from = text.transcript.length;
  const ack = await chat.type('alice', 'status shop');
  expect(ack).toContain('shop');
  const line = await after(from, (l) => l.kind === 'reply' && l.text.includes('== Image streaming on shop =='));
  expect(line).toMatchObject({ space: 'ops-room', visibility: 'public', user: 'text:alice' });
  expect(line.text).toContain('Node pools streaming images: 1 of 3.');
  expect(line.text).not.toMatch(/<@|<#|<!|\*[^*\s]/);
});

it('enable -> approval request -> no self-approval -> approved -> applied on GKE -> message done -> verify on', async () => {
  const from = text.transcript.length;
  const ack = await chat.type('alice', 'enable shop');
  expect(ack).toBe('Working out what enable would change on shop; an approval request follows in this channel.');

  const posted = await after(
    from,
    (l) => l.kind === 'post' && l.text.includes('Enable image streaming: approval needed'),
  );
  expect(posted.space).toBe('ops-room');
  expect(posted.text).toContain('Requested by text:alice');
  expect(posted.text).toMatch(/\[Approve\]\(imagestream_approve:[A-Za-z0-9_-]{22}\) \[Deny\]\(imagestream_deny:/);

  // alice is an approver, but not of her own request.
  const refused = await chat.press('alice', posted.message!, 'Approve');
  expect(refused).toBe('⛔ You asked for this change, so another approver has to approve it.');
  expect(text.transcript.at(-1)).toMatchObject({ kind: 'private', user: 'text:alice' });
  expect(chat.message(posted.message!).text).toContain('approval needed');

  expect(await chat.press('bob', posted.message!, 'Approve')).toBeUndefined();
  await text.waitFor((l) => l.kind === 'update' && l.message === posted.message && /: done ==/.test(l.text), 10_000);
  const done = chat.message(posted.message!);
  expect(done.text).toContain('== Enable image streaming: done ==');
  expect(done.text).not.toContain('[Approve]');
  expect(done.text).toContain('text:bob');
  // Updated in place: still the one message, at its later version.
  expect(done.version).toBeGreaterThan(1);
  expect(text.transcript.filter((l) => l.kind === 'post' && l.text.includes('Enable image streaming'))).toHaveLength(1);
  expect(fake().requests.some((r) => r.route === 'clusters.update' && r.status === 200)).toBe(true);

  const verifyFrom = text.transcript.length;
  await chat.type('alice', 'verify shop');
  const verified = await after(verifyFrom, (l) => l.kind === 'reply' && l.text.includes('== gcfsConfig of shop =='));
  expect(verified.visibility).toBe('public');
  expect(verified.text).toMatch(/ {4}nodePoolDefaults:\n {6}nodeConfigDefaults:\n {8}gcfsConfig:\n {10}enabled: true/);
  expect(verified.text).toContain(
    '    - name: default-pool\n      config:\n        gcfsConfig:\n          enabled: true',
  );
}, 20_000);

it('an alert from the store reaches the text room through the outbox, and its fix button answers', async () => {
  // A gcfsd PermissionDenied entry from a node of shop's default-pool, as the sink publishes it.
  const entry = sinkEntry('permission-denied', {
    insertId: `text-${Date.now()}`,
    cluster: SHOP.cluster,
    project: SHOP.project,
    node: 'gke-shop-default-pool-6f1c2a9e-x7k9',
    timestamp: new Date().toISOString(),
  });
  entry.resource.labels.location = `${SHOP.location}-b`;
  const read = readAlertMessage(Buffer.from(JSON.stringify(entry)));
  if (!('entry' in read)) throw new Error(`poison: ${read.poison}`);

  const from = text.transcript.length;
  // What the Pub/Sub subscriber does with an entry: record it, hand the outcome to the outbox.
  const outcome = await alertStore.record(read.entry);
  expect(outcome.kind).toBe('new');
  await outcomeToOutbox(outcome, outbox, alertStore);
  await alertStore.settle(read.entry, true);

  const alert = await after(from, (l) => l.kind === 'post' && l.space === ALERT_ROOM);
  expect(alert.text).toContain('== Image streaming: nodes lack the storage read scope ==');
  expect(alert.text).toContain('[Show gcloud command](imagestream_fix_show_gcloud:');
  // The store knows where it was posted (updates and fixes' threads go there).
  const id = 'alert' in outcome ? outcome.alert.id : '';
  await until(async () => (await alertStore.get(id))?.message !== undefined);
  expect((await alertStore.get(id))!.message).toEqual({ platform: 'text', space: ALERT_ROOM, message: alert.message });

  const clickFrom = text.transcript.length;
  expect(await chat.press('carol', alert.message!, 'Show gcloud command')).toBeUndefined();
  const answer = await after(clickFrom, (l) => l.kind === 'reply' && l.user === 'text:carol');
  expect(answer).toMatchObject({ space: ALERT_ROOM, visibility: 'private' });
  expect(answer.text).toContain('gcloud container node-pools create default-pool-');
  expect(answer.text).toContain('--cluster=shop --location=europe-west1 --project=acme-prod');

  // Muting is for approvers (IMAGESTREAM_MUTE_BY=approvers): carol is told so, privately.
  const mute = await chat.press('carol', alert.message!, 'Mute this problem for 1 h');
  expect(mute).toContain('Only approvers can');
  expect(mute).toContain('Approvers: text:alice, text:bob.');

  // A fix that changes the cluster goes through the approval path: its request in the alert's thread.
  const fixFrom = text.transcript.length;
  expect(
    await chat.press('carol', alert.message!, 'Create replacement node pool with the storage read scope'),
  ).toBeUndefined();
  const request = await after(
    fixFrom,
    (l) => l.kind === 'post' && l.text.includes('Create replacement node pool: approval needed'),
  );
  expect(request).toMatchObject({ space: ALERT_ROOM, thread: alert.message });
  const told = await after(fixFrom, (l) => l.kind === 'reply' && l.user === 'text:carol');
  expect(told.text).toBe('✅ Approval request posted in the alert thread.');
  expect(await chat.press('bob', request.message!, 'Approve')).toBeUndefined();
  await text.waitFor((l) => l.kind === 'update' && l.message === request.message && /: done ==/.test(l.text), 10_000);
  expect(fake().requests.some((r) => r.route === 'nodePools.create' && r.status === 200)).toBe(true);
}, 20_000);

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out; transcript:\n${transcript()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
