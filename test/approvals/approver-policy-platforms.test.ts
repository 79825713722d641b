/**
 * The approval decision is platform-free: each platform's approvers come from its own directory,
 * a principal is judged by its own platform's directory only, and a request is decided only on
 * the platform it was asked on (approval ids are one space for all platforms).
 */
import { ApproverPolicy } from '../../src/approvals/approver-policy';
import type { ApproverDirectory } from '../../src/chat/approver-directory';
import { PrincipalId, principalId } from '../../src/chat/principal-id';
import { plainText, rich } from '../../src/chat/rich-text';

/** A directory naming its approvers by principal id; `fail` makes it unable to tell. */
function directory(platform: string, approvers: string[], fail?: Error): ApproverDirectory {
  const ids = new Set(approvers.map((a) => principalId(platform, a)));
  return {
    platform,
    configured: approvers.length > 0,
    isApprover: async (who: PrincipalId) => {
      if (fail) throw fail;
      return ids.has(who);
    },
    describe: () => rich`${platform} approvers ${approvers.join(' ')}`,
  };
}

const slackUser = (id: string) => principalId('slack', id);
const chatUser = (id: string) => principalId('gchat', `users/${id}`);
const askedOnSlack = { requestedBy: slackUser('UCAROL'), conversation: { platform: 'slack', space: 'C0OPS' } };
const askedOnChat = { requestedBy: chatUser('1'), conversation: { platform: 'gchat', space: 'spaces/AAA' } };

const policy = new ApproverPolicy([directory('slack', ['UALICE']), directory('gchat', ['users/2'])]);

describe('ApproverPolicy across platforms', () => {
  it("judges each principal by its own platform's directory", async () => {
    expect(await policy.canApprove(slackUser('UALICE'), askedOnSlack)).toEqual({ allowed: true });
    expect(await policy.canApprove(chatUser('2'), askedOnChat)).toEqual({ allowed: true });
    // The same local id on the other platform is nobody.
    expect((await policy.canApprove(principalId('gchat', 'UALICE'), askedOnChat)).allowed).toBe(false);
  });

  it('refuses an approver of another platform than the one the request was asked on, saying why', async () => {
    const check = await policy.canApprove(chatUser('2'), askedOnSlack);
    expect(check.allowed).toBe(false);
    expect(check.allowed ? '' : plainText(check.reason)).toBe(
      'This request was made on slack, so only approvers there can decide it (you are on gchat).',
    );
    // Deny too: the requester's namesake elsewhere cannot withdraw it either.
    expect((await policy.canDeny(chatUser('2'), askedOnSlack)).allowed).toBe(false);
    expect((await policy.canDeny(slackUser('UALICE'), askedOnChat)).allowed).toBe(false);
  });

  it('refuses a principal of a platform without a directory, naming the approvers there are', async () => {
    const slackOnly = new ApproverPolicy([directory('slack', ['UALICE'])]);
    const check = await slackOnly.canAct(principalId('teams', 'x1'), 'mute alerts');
    expect(check.allowed ? '' : plainText(check.reason)).toBe(
      'Only approvers can mute alerts. Approvers: slack approvers UALICE.',
    );
  });

  it('says nobody can approve when no directory names anyone', async () => {
    const none = new ApproverPolicy([directory('slack', [])]);
    const check = await none.canApprove(slackUser('UALICE'), askedOnSlack);
    expect(check.allowed ? '' : plainText(check.reason)).toMatch(/^No approvers are configured/);
  });

  it('fails closed when the directory cannot tell', async () => {
    const broken = new ApproverPolicy([directory('slack', ['UALICE'], new Error('group unreadable'))]);
    const check = await broken.canApprove(slackUser('UALICE'), askedOnSlack);
    expect(check.allowed ? '' : plainText(check.reason)).toBe(
      'Could not check whether you are an approver (group unreadable). Try again in a minute.',
    );
  });

  it('lets the requester withdraw and refuses self-approval on every platform', async () => {
    const chatApprover = { requestedBy: chatUser('2'), conversation: askedOnChat.conversation };
    expect(await policy.canDeny(chatUser('1'), askedOnChat)).toEqual({ allowed: true });
    expect((await policy.canApprove(chatUser('2'), chatApprover)).allowed).toBe(false);
    const lenient = new ApproverPolicy([directory('gchat', ['users/2'])], { allowSelfApproval: true });
    expect(await lenient.canApprove(chatUser('2'), chatApprover)).toEqual({ allowed: true });
  });

  it('refuses two directories for one platform', () => {
    expect(() => new ApproverPolicy([directory('slack', ['UA']), directory('slack', ['UB'])])).toThrow(
      /two approver directories for slack/,
    );
  });
});
