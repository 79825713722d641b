import { z } from 'zod';
import { UsageError, errorMessage } from '../errors';
import { ApprovalRequest, slackIdSchema } from './approval-request';
import { UsergroupMembers, UsergroupsClient } from './usergroup-members';

/** Who may approve: Slack user ids and/or the members of one user group. */
export interface ApproverPolicyOptions {
  /** Slack user ids of the approvers (IMAGESTREAM_APPROVERS). */
  userIds: string[];
  /** A Slack user group id (S...) whose members are approvers too. */
  usergroup?: string;
  /** Whether a requester may approve their own request; default false. */
  allowSelfApproval?: boolean;
  /** How long usergroup members are cached, ms; default 60 s. */
  cacheMs?: number;
  /** The clock, epoch ms. */
  now?: () => number;
}

/** The verdict on a click; `reason` is shown to the user ephemerally. */
export type ApproverCheck = { allowed: true } | { allowed: false; reason: string };

const optionsSchema = z.object({
  userIds: z.array(slackIdSchema),
  usergroup: z
    .string()
    .regex(/^S[A-Z0-9]{1,40}$/, 'must be a Slack user group id (S...)')
    .optional(),
  allowSelfApproval: z.boolean().optional(),
  cacheMs: z.number().int().nonnegative().optional(),
});

/**
 * Decides who may click Approve and Deny. Approvers approve (by default not their own requests:
 * a change needs a second pair of eyes); approvers deny, and the requester may deny their own
 * request to withdraw it. Everyone else is refused with a reason naming who can act.
 */
export class ApproverPolicy {
  private readonly userIds: Set<string>;
  private readonly group?: UsergroupMembers;
  private readonly usergroup?: string;
  private readonly allowSelfApproval: boolean;

  constructor(slack: UsergroupsClient, options: ApproverPolicyOptions) {
    const parsed = optionsSchema.safeParse(options);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new UsageError(`invalid approvers: ${issue.path.join('.')}: ${issue.message}`);
    }
    this.userIds = new Set(parsed.data.userIds);
    this.usergroup = parsed.data.usergroup;
    this.allowSelfApproval = parsed.data.allowSelfApproval ?? false;
    if (this.usergroup) {
      this.group = new UsergroupMembers(slack, this.usergroup, parsed.data.cacheMs ?? 60_000, options.now ?? Date.now);
    }
  }

  /** Whether `userId` may approve the request. */
  async canApprove(userId: string, request: Pick<ApprovalRequest, 'requestedBy'>): Promise<ApproverCheck> {
    const approver = await this.isApprover(userId, 'approve this request');
    if (approver !== true) return approver;
    if (userId === request.requestedBy && !this.allowSelfApproval) {
      return { allowed: false, reason: 'You asked for this change, so another approver has to approve it.' };
    }
    return { allowed: true };
  }

  /** Whether `userId` may deny the request: approvers, and the requester (to withdraw it). */
  async canDeny(userId: string, request: Pick<ApprovalRequest, 'requestedBy'>): Promise<ApproverCheck> {
    if (userId === request.requestedBy) return { allowed: true };
    const approver = await this.isApprover(
      userId,
      'deny this request (or the person who asked for it, to withdraw it)',
    );
    return approver === true ? { allowed: true } : approver;
  }

  /** Whether `userId` may act as an approver for something that has no requester (muting an alert). */
  async canAct(userId: string, what: string): Promise<ApproverCheck> {
    const approver = await this.isApprover(userId, what);
    return approver === true ? { allowed: true } : approver;
  }

  private async isApprover(userId: string, what: string): Promise<true | { allowed: false; reason: string }> {
    if (this.userIds.has(userId)) return true;
    if (this.userIds.size === 0 && !this.group) {
      return {
        allowed: false,
        reason: 'No approvers are configured for this bot (IMAGESTREAM_APPROVERS), so nobody can approve changes.',
      };
    }
    if (this.group) {
      try {
        if ((await this.group.members()).has(userId)) return true;
      } catch (err) {
        // Fail closed: without the member list nobody outside the named users is an approver.
        return {
          allowed: false,
          reason: `Could not check whether you are an approver (${errorMessage(err)}). Try again in a minute.`,
        };
      }
    }
    return { allowed: false, reason: `Only approvers can ${what}. Approvers: ${this.describeApprovers()}.` };
  }

  private describeApprovers(): string {
    const who = [...this.userIds].map((id) => `<@${id}>`);
    if (this.usergroup) who.push(`members of <!subteam^${this.usergroup}>`);
    return who.join(', ');
  }
}
