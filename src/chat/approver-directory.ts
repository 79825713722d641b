import type { PrincipalId } from './principal-id';
import type { RichText } from './rich-text';

/**
 * Who the approvers are on one platform (Slack: IMAGESTREAM_APPROVERS and a user group). The
 * approval decision itself (self-approval, deny by the requester, what happens when nobody is
 * configured) is the core's: src/approvals/approver-policy.ts.
 */
export interface ApproverDirectory {
  readonly platform: string;
  /** The platform as people call it ("Google Chat"), for refusals that name it; default the platform's id. */
  readonly platformName?: string;
  /** Whether anyone at all is named (no approvers: nobody can approve). */
  readonly configured: boolean;
  /** Whether `who` is an approver; throws when it cannot tell (the core fails closed). */
  isApprover(who: PrincipalId): Promise<boolean>;
  /** The approvers, as a refusal names them ("<@U1>, members of <!subteam^S1>"). */
  describe(): RichText;
}
