import { WebClient } from '@slack/web-api';
import { toMrkdwn } from '../../../../adapters/slack/block-kit/to-mrkdwn';
import {
  SlackApproverDirectory,
  SlackApproversOptions,
} from '../../../../adapters/slack/approvers/slack-approver-directory';
import type { UsergroupsClient } from '../../../../adapters/slack/approvers/usergroup-members';
import { UsageError } from '../../../../src/errors';
import { ApproverPolicy as CorePolicy, ApproverCheck } from '../../../../src/approvals/approver-policy';
import { toPrincipalId } from '../../../../src/chat/principal-id';

/**
 * The policy as a Slack listener uses it (handlers/actions/decide-request.ts): the platform-free
 * policy over the Slack approver directory, Slack user ids in (as principal ids), the refusal
 * reason out as the mrkdwn the clicker reads.
 */
type ApproverPolicyOptions = SlackApproversOptions & { allowSelfApproval?: boolean };
type SlackCheck = { allowed: true } | { allowed: false; reason: string };
const asSlack = (check: ApproverCheck): SlackCheck =>
  check.allowed ? check : { allowed: false, reason: toMrkdwn(check.reason) };
class ApproverPolicy {
  private readonly policy: CorePolicy;
  constructor(slack: UsergroupsClient, { allowSelfApproval, ...approvers }: ApproverPolicyOptions) {
    this.policy = new CorePolicy([new SlackApproverDirectory(slack, approvers)], { allowSelfApproval });
  }
  async canApprove(userId: string, request: { requestedBy: string }): Promise<SlackCheck> {
    return asSlack(await this.policy.canApprove(toPrincipalId(userId), slackRequest(request)));
  }
  async canDeny(userId: string, request: { requestedBy: string }): Promise<SlackCheck> {
    return asSlack(await this.policy.canDeny(toPrincipalId(userId), slackRequest(request)));
  }
}
const slackRequest = ({ requestedBy }: { requestedBy: string }) => ({
  requestedBy: toPrincipalId(requestedBy),
  conversation: { platform: 'slack', space: 'C0OPS' },
});

/** A Slack client that answers usergroups.users.list from a table and counts the calls. */
function fakeSlack(groups: Record<string, string[]>, fail?: () => Error | { ok: false } | undefined) {
  const calls: string[] = [];
  const slack = {
    usergroups: {
      users: {
        list: async ({ usergroup }: { usergroup: string }) => {
          calls.push(usergroup);
          const failure = fail?.();
          if (failure instanceof Error) throw failure;
          if (failure) return failure;
          return { ok: true, users: groups[usergroup] ?? [] };
        },
      },
    },
  };
  return { slack, calls };
}

const byRequester = (requestedBy: string) => ({ requestedBy });

function policy(options: Partial<ApproverPolicyOptions>, groups: Record<string, string[]> = {}) {
  const fake = fakeSlack(groups);
  return { policy: new ApproverPolicy(fake.slack, { userIds: [], ...options }), calls: fake.calls };
}

describe('ApproverPolicy with user ids', () => {
  const { policy: p } = policy({ userIds: ['UALICE', 'UBOB'] });

  it('lets an approver approve someone else’s request', async () => {
    expect(await p.canApprove('UALICE', byRequester('UCAROL'))).toEqual({ allowed: true });
  });

  it('refuses a non-approver with a reason naming the approvers', async () => {
    const check = await p.canApprove('UMALLORY', byRequester('UCAROL'));
    expect(check).toEqual({ allowed: false, reason: expect.stringContaining('<@UALICE>, <@UBOB>') });
  });

  it('refuses self-approval by default, saying another approver must approve', async () => {
    expect(await p.canApprove('UALICE', byRequester('UALICE'))).toEqual({
      allowed: false,
      reason: expect.stringMatching(/another approver/),
    });
  });

  it('allows self-approval when configured', async () => {
    const { policy: lenient } = policy({ userIds: ['UALICE'], allowSelfApproval: true });
    expect(await lenient.canApprove('UALICE', byRequester('UALICE'))).toEqual({ allowed: true });
  });

  it('lets approvers deny, and the requester withdraw, but nobody else', async () => {
    expect(await p.canDeny('UBOB', byRequester('UCAROL'))).toEqual({ allowed: true });
    expect(await p.canDeny('UCAROL', byRequester('UCAROL'))).toEqual({ allowed: true });
    expect(await p.canDeny('UMALLORY', byRequester('UCAROL'))).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('<@UALICE>'),
    });
  });

  it('refuses everyone, with the reason, when no approvers are configured', async () => {
    const { policy: none } = policy({ userIds: [] });
    expect(await none.canApprove('UALICE', byRequester('UCAROL'))).toEqual({
      allowed: false,
      reason: expect.stringContaining('No approvers are configured'),
    });
  });

  it('rejects a configured approver that is not a Slack id', () => {
    expect(() => policy({ userIds: ['alice smith'] })).toThrow(UsageError);
    expect(() => policy({ userIds: [], usergroup: '@platform' })).toThrow(UsageError);
  });
});

describe('ApproverPolicy with a user group', () => {
  it('approves group members and refuses others, naming the group', async () => {
    const { policy: p } = policy({ usergroup: 'SPLATFORM' }, { SPLATFORM: ['UDANA'] });
    expect(await p.canApprove('UDANA', byRequester('UCAROL'))).toEqual({ allowed: true });
    expect(await p.canApprove('UERIN', byRequester('UCAROL'))).toEqual({
      allowed: false,
      reason: expect.stringContaining('members of <!subteam^SPLATFORM>'),
    });
  });

  it('caches the member list: one Slack call per cache period, even for concurrent clicks', async () => {
    let clock = 1_000_000;
    const { policy: p, calls } = policy(
      { usergroup: 'SPLATFORM', cacheMs: 60_000, now: () => clock },
      { SPLATFORM: ['UDANA'] },
    );
    const checks = await Promise.all(Array.from({ length: 10 }, () => p.canApprove('UDANA', byRequester('UCAROL'))));
    expect(checks.every((c) => c.allowed)).toBe(true);
    await p.canDeny('UERIN', byRequester('UCAROL'));
    expect(calls).toEqual(['SPLATFORM']);
    clock += 60_000;
    await p.canApprove('UDANA', byRequester('UCAROL'));
    expect(calls).toEqual(['SPLATFORM', 'SPLATFORM']);
  });

  it('does not ask Slack about users named in the config', async () => {
    const { policy: p, calls } = policy({ userIds: ['UALICE'], usergroup: 'SPLATFORM' }, { SPLATFORM: [] });
    expect(await p.canApprove('UALICE', byRequester('UCAROL'))).toEqual({ allowed: true });
    expect(calls).toEqual([]);
  });

  it('refuses with a reason when Slack cannot list the group, and asks again next time', async () => {
    let failure: Error | { ok: false } | undefined = new Error('An API error occurred: missing_scope');
    const fake = fakeSlack({ SPLATFORM: ['UDANA'] }, () => failure);
    const p = new ApproverPolicy(fake.slack, { userIds: [], usergroup: 'SPLATFORM' });
    expect(await p.canApprove('UDANA', byRequester('UCAROL'))).toEqual({
      allowed: false,
      reason: expect.stringContaining('missing_scope'),
    });
    failure = { ok: false };
    expect(await p.canApprove('UDANA', byRequester('UCAROL'))).toMatchObject({ allowed: false });
    failure = undefined;
    expect(await p.canApprove('UDANA', byRequester('UCAROL'))).toEqual({ allowed: true });
    expect(fake.calls).toHaveLength(3);
  });

  it('accepts a real Slack WebClient as its client', () => {
    // Compile-time check that the composition root can hand in the Bolt app's client; no call is made.
    expect(new ApproverPolicy(new WebClient('xoxb-test'), { userIds: ['UALICE'] })).toBeInstanceOf(ApproverPolicy);
  });
});
