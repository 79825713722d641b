/**
 * The button cores without any chat platform: a click by a non-Slack principal in, what to tell
 * the clicker (a neutral document) out, with the approval store on the test Redis and the queue,
 * the audit log and the alert store as fakes. Nothing here imports `@slack/*`.
 */
import type Redis from 'ioredis';
import { decideRequest } from '../../handlers/actions/decide-request';
import { fixAlert } from '../../handlers/actions/fix-alert';
import { buttonActionOf } from '../../handlers/actions';
import { muteAlert } from '../../handlers/actions/mute-alert';
import { runButton } from '../../handlers/actions/run-button';
import type { ButtonClick, FixReplyTo } from '../../handlers/actions/button-click';
import type { WebDeps } from '../../handlers/web-deps';
import { AccessScope } from '../../src/access/access-scope';
import { ApprovalStore } from '../../src/approvals/approval-store';
import { ApproverPolicy } from '../../src/approvals/approver-policy';
import type { ApproverDirectory } from '../../src/chat/approver-directory';
import type { MessageDocument } from '../../src/chat/message-document';
import { documentToText } from '../../src/chat/document-to-text';
import { type PrincipalId, principalId } from '../../src/chat/principal-id';
import { rich } from '../../src/chat/rich-text';
import { createLogger } from '../../src/logging/logger';
import { connectRedis, deleteKeys, uniquePrefix } from '../approvals/redis-test-keys';

const ALICE = principalId('text', 'alice');
const BOB = principalId('text', 'bob');
const MALLORY = principalId('text', 'mallory');
const ROOM = { platform: 'text', space: 'ops-room' };
const ALERT_ID = 'alert-0001';
// The fix job's answer target as the (Slack-shaped, for now) payload takes it: opaque to the core.
const REPLY_TO: FixReplyTo = { responseUrl: 'https://chat.example/reply/1', userId: 'U0ALICE01', channelId: 'C0OPS' };

/** The plain-text platform's approvers: alice only. */
const textApprovers: ApproverDirectory = {
  platform: 'text',
  configured: true,
  isApprover: async (who) => who === ALICE,
  describe: () => rich`alice`,
};

let redis: Redis;
let prefix: string;
beforeAll(() => {
  redis = connectRedis();
});
afterAll(async () => {
  await redis.quit();
});
beforeEach(() => {
  prefix = uniquePrefix('button-cores');
});
afterEach(async () => {
  await deleteKeys(redis, prefix);
});

function setup(
  options: { projects?: string[]; queueDown?: boolean; muteBy?: 'anyone' | 'approvers'; alsoMuted?: string[] } = {},
) {
  const queued: Array<{ name: string; payload: unknown; jobId?: string }> = [];
  const audited: Array<Record<string, unknown>> = [];
  const updated: string[] = [];
  const approvals = new ApprovalStore(redis, { keyPrefix: prefix });
  const alert = {
    id: ALERT_ID,
    key: { project: 'acme-prod', cluster: 'shop', class: 'quota_exceeded' },
    location: 'us-east1',
  };
  const deps = {
    config: {
      IMAGESTREAM_MUTE_BY: options.muteBy ?? 'anyone',
      IMAGESTREAM_ACK_REDIS_TIMEOUT_MS: 10_000,
    },
    logger: createLogger({ level: 'silent' }),
    queue: {
      enqueue: async (name: string, payload: unknown, opts: { jobId?: string } = {}) => {
        if (options.queueDown) throw new Error('ECONNREFUSED');
        queued.push({ name, payload, ...(opts.jobId ? { jobId: opts.jobId } : {}) });
        return 'job-1';
      },
    },
    approvals,
    approvers: new ApproverPolicy([textApprovers]),
    audit: { record: async (event: Record<string, unknown>) => void audited.push(event) },
    alerts: {
      store: {
        get: async (id: string) => (id === ALERT_ID ? alert : null),
        mute: async (id: string) => (id === ALERT_ID ? alert : null),
        muteProblem: async (id: string) => (id === ALERT_ID ? { alert, alsoMuted: options.alsoMuted ?? [] } : null),
      },
      outbox: { update: async (id: string) => void updated.push(id) },
    },
    scope: new AccessScope(options.projects ?? []),
  } as unknown as WebDeps;
  const request = () =>
    approvals.create({
      action: 'enable',
      target: { project: 'acme-prod', location: 'us-east1', cluster: 'prod-1', pool: 'web' },
      change: { from: false, to: true, poolsAffected: ['web'], notes: [] },
      requestedBy: BOB,
      conversation: ROOM,
    });
  return { deps, queued, audited, updated, approvals, request };
}

const click = (
  clicker: PrincipalId | null,
  value: string | undefined,
  over: Partial<ButtonClick> = {},
): ButtonClick => ({
  value,
  clicker,
  where: ROOM,
  ...over,
});

const text = (doc: MessageDocument | undefined) => (doc ? documentToText(doc) : undefined);

describe('decideRequest', () => {
  it('an approver approves: decided once, the change queued under apply-<id>, audited, nothing to say', async () => {
    const { deps, queued, audited, approvals, request } = setup();
    const req = await request();
    await approvals.setMessage(req.id, { platform: 'text', space: ROOM.space, message: 'm-1' });

    const answer = await decideRequest({ ...click(ALICE, req.id), decision: 'approved' }, deps);

    expect(answer).toBeUndefined();
    expect((await approvals.get(req.id))?.state).toBe('approved');
    expect((await approvals.get(req.id))?.decidedBy).toBe(ALICE);
    expect(queued.map((q) => [q.name, q.jobId])).toEqual([
      ['apply', `apply-${req.id}`],
      ['approval-message', undefined],
    ]);
    expect(audited).toEqual([expect.objectContaining({ kind: 'approved', requestId: req.id, user: ALICE })]);
  });

  it('a second approval click is told who decided, and queues nothing more', async () => {
    const { deps, queued, request } = setup();
    const req = await request();
    await decideRequest({ ...click(ALICE, req.id), decision: 'denied' }, deps);
    queued.length = 0;

    const answer = await decideRequest({ ...click(ALICE, req.id), decision: 'denied' }, deps);

    expect(text(answer)).toBe(`ℹ️ This request was already denied by ${ALICE}.`);
    expect(queued).toEqual([]);
  });

  it('refuses a non-approver with the policy reason, audited in plain text', async () => {
    const { deps, audited, approvals, request } = setup();
    const req = await request();

    const answer = await decideRequest({ ...click(MALLORY, req.id), decision: 'approved' }, deps);

    expect(text(answer)).toMatch(/^⛔ .*alice/);
    expect((await approvals.get(req.id))?.state).toBe('pending');
    expect(audited).toEqual([expect.objectContaining({ kind: 'refused', user: MALLORY })]);
    expect(String(audited[0]!.detail)).toMatch(/alice/);
  });

  it('refuses an approval outside the allow-list', async () => {
    const { deps, request } = setup({ projects: ['other-project'] });
    const req = await request();

    const answer = await decideRequest({ ...click(ALICE, req.id), decision: 'approved' }, deps);

    expect(text(answer)).toBe('⛔ project acme-prod is not one this bot may touch; allowed: other-project');
  });

  it('records where the clicked message is when the request lost it', async () => {
    const { deps, approvals, request } = setup();
    const req = await request();
    const message = { platform: 'text', space: ROOM.space, message: 'm-42' };

    await decideRequest({ ...click(BOB, req.id, { message }), decision: 'denied' }, deps);

    expect((await approvals.get(req.id))?.message).toEqual(message);
    expect((await approvals.get(req.id))?.state).toBe('denied');
  });

  it('says so when the queue is down after the approval, and a later click queues it', async () => {
    const down = setup({ queueDown: true });
    const req = await down.request();
    expect(text(await decideRequest({ ...click(ALICE, req.id), decision: 'approved' }, down.deps))).toMatch(
      /^⚠️ Approved, but the job queue is not answering/,
    );

    const up = setup();
    const again = await decideRequest({ ...click(ALICE, req.id), decision: 'approved' }, up.deps);
    expect(again).toBeUndefined();
    expect(up.queued.map((q) => q.jobId)).toEqual([`apply-${req.id}`]);
  });

  it('refuses a value that is not a request id, and a clicker the platform could not name', async () => {
    const { deps, request } = setup();
    const req = await request();
    expect(text(await decideRequest({ ...click(ALICE, '../../etc'), decision: 'approved' }, deps))).toBe(
      '⚠️ That button does not name a valid request.',
    );
    expect(text(await decideRequest({ ...click(null, req.id), decision: 'approved' }, deps))).toMatch(
      /could not tell who clicked/,
    );
  });
});

describe('fixAlert', () => {
  it('queues the fix job with the reply target passed through, one per alert, fix, person and minute', async () => {
    const { deps, queued, audited } = setup();

    const answer = await fixAlert({ ...click(ALICE, ALERT_ID, { replyTo: REPLY_TO }), fix: 'show-gcloud' }, deps);

    expect(answer).toBeUndefined();
    expect(queued).toEqual([
      {
        name: 'fix',
        payload: { replyTo: REPLY_TO, alertId: ALERT_ID, fix: 'show-gcloud' },
        jobId: expect.stringMatching(new RegExp(`^fix-${ALERT_ID}-show-gcloud-text-alice-\\d+$`)),
      },
    ]);
    expect(audited).toEqual([expect.objectContaining({ kind: 'command', user: ALICE, action: 'fix show-gcloud' })]);
  });

  it('refuses an alert outside the allow-list at the click, and queues nothing', async () => {
    const { deps, queued, audited } = setup({ projects: ['other-project'] });

    const answer = await fixAlert({ ...click(ALICE, ALERT_ID, { replyTo: REPLY_TO }), fix: 'replace-pool' }, deps);

    expect(text(answer)).toBe('⛔ project acme-prod is not one this bot may touch; allowed: other-project');
    expect(queued).toEqual([]);
    expect(audited).toEqual([expect.objectContaining({ kind: 'refused', user: ALICE })]);
  });

  it('answers a bad value, a click with nowhere to answer, and a queue that is down', async () => {
    const { deps } = setup();
    expect(text(await fixAlert({ ...click(ALICE, 'x'), fix: 'run-check' }, deps))).toBe(
      '⚠️ That button does not name a valid alert.',
    );
    expect(text(await fixAlert({ ...click(ALICE, ALERT_ID), fix: 'run-check' }, deps))).toBe(
      '⚠️ That button can only be used in a channel.',
    );
    const down = setup({ queueDown: true });
    expect(
      text(await fixAlert({ ...click(ALICE, ALERT_ID, { replyTo: REPLY_TO }), fix: 'run-check' }, down.deps)),
    ).toMatch(/^⚠️ The bot's queue is not answering/);
  });
});

describe('muteAlert', () => {
  it('mutes the problem, updates its message and says for how long', async () => {
    const { deps, updated, audited } = setup();

    const answer = await muteAlert({ ...click(BOB, ALERT_ID), hours: 24 }, deps);

    expect(text(answer)).toBe('🔇 Muted quota_exceeded on shop for 24 h.');
    expect(updated).toEqual([ALERT_ID]);
    expect(audited).toEqual([expect.objectContaining({ kind: 'command', user: BOB, action: 'mute 24h' })]);
  });

  it('updates the message of the problem on each of its destinations (a Slack channel and a Chat space)', async () => {
    const { deps, updated } = setup({ alsoMuted: ['ChatAlertOfShop01'] });
    expect(text(await muteAlert({ ...click(BOB, ALERT_ID), hours: 1 }, deps))).toMatch(/^🔇 Muted/);
    expect(updated).toEqual([ALERT_ID, 'ChatAlertOfShop01']);
  });

  it('with IMAGESTREAM_MUTE_BY=approvers, refuses a non-approver and a clicker the platform could not name', async () => {
    const { deps, updated } = setup({ muteBy: 'approvers' });

    expect(text(await muteAlert({ ...click(MALLORY, ALERT_ID), hours: 1 }, deps))).toMatch(/^⛔ .*alice/);
    expect(text(await muteAlert({ ...click(null, ALERT_ID), hours: 1 }, deps))).toMatch(/could not tell who clicked/);
    expect(updated).toEqual([]);
    expect(text(await muteAlert({ ...click(ALICE, ALERT_ID), hours: 1 }, deps))).toBe(
      '🔇 Muted quota_exceeded on shop for 1 h.',
    );
  });
});

describe('the button catalogue', () => {
  it('routes an action id to its core, and knows no other id', async () => {
    const { deps, updated } = setup();
    const mute = buttonActionOf('imagestream_mute_1h');
    expect(mute).toEqual({ kind: 'mute', hours: 1 });
    expect(text(await runButton(mute!, click(ALICE, ALERT_ID), deps))).toMatch(/Muted/);
    expect(updated).toEqual([ALERT_ID]);

    expect(buttonActionOf('imagestream_fix_quota_console')).toEqual({ kind: 'link' });
    expect(await runButton({ kind: 'link' }, click(ALICE, ALERT_ID), deps)).toBeUndefined();
    expect(buttonActionOf('toString')).toBeUndefined();
    expect(buttonActionOf(42)).toBeUndefined();
  });
});
