/** Slack's approver directory, and the refusal a Slack user reads (mrkdwn), as before the chat seam. */
import { SlackApproverDirectory } from '../../../../adapters/slack/approvers/slack-approver-directory';
import { toMrkdwn } from '../../../../adapters/slack/block-kit/to-mrkdwn';
import { ApproverPolicy } from '../../../../src/approvals/approver-policy';
import { principalId } from '../../../../src/chat/principal-id';

const groups = (members: Record<string, string[]>) => ({
  usergroups: {
    users: { list: async ({ usergroup }: { usergroup: string }) => ({ ok: true, users: members[usergroup] ?? [] }) },
  },
});

describe('SlackApproverDirectory', () => {
  const directory = new SlackApproverDirectory(groups({ S0OPS: ['UDANA'] }), {
    userIds: ['U0ALICE1', 'U0BOB2'],
    usergroup: 'S0OPS',
  });

  it('knows Slack principals only: named users and group members', async () => {
    expect(directory.configured).toBe(true);
    expect(await directory.isApprover(principalId('slack', 'U0ALICE1'))).toBe(true);
    expect(await directory.isApprover(principalId('slack', 'UDANA'))).toBe(true);
    expect(await directory.isApprover(principalId('slack', 'UERIN'))).toBe(false);
    expect(await directory.isApprover(principalId('gchat', 'U0ALICE1'))).toBe(false);
  });

  it('names the approvers as Slack mentions', () => {
    expect(toMrkdwn(directory.describe())).toBe('<@U0ALICE1>, <@U0BOB2>, members of <!subteam^S0OPS>');
  });

  it('gives a Slack user the same refusal text as before the seam', async () => {
    const policy = new ApproverPolicy([
      new SlackApproverDirectory(groups({}), { userIds: ['U0ALICE1'], usergroup: 'S0OPS' }),
    ]);
    const check = await policy.canAct(principalId('slack', 'UMALLORY'), 'mute alerts');
    expect(check.allowed ? '' : toMrkdwn(check.reason)).toBe(
      'Only approvers can mute alerts. Approvers: <@U0ALICE1>, members of <!subteam^S0OPS>.',
    );
  });

  it('is not configured without users or a group', () => {
    expect(new SlackApproverDirectory(groups({}), { userIds: [] }).configured).toBe(false);
  });
});
