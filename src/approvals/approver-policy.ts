import type { ApproverDirectory } from '../chat/approver-directory';
import { PrincipalId, platformOf } from '../chat/principal-id';
import { RichText, joinRich, rich } from '../chat/rich-text';
import { UsageError, errorMessage } from '../errors';
import type { ApprovalRequest } from './approval-request';

/** How the approval decision is made besides who the approvers are. */
export interface ApproverPolicyOptions {
  /** Whether a requester may approve their own request; default false. */
  allowSelfApproval?: boolean;
}

/** The verdict on a click; `reason` is shown to the clicker only, in their platform's markup. */
export type ApproverCheck = { allowed: true } | { allowed: false; reason: RichText };

type Refusal = { allowed: false; reason: RichText };

/** What of a request the decision reads: who asked, and on which platform (the conversation's). */
export type RequestParties = Pick<ApprovalRequest, 'requestedBy'> & Partial<Pick<ApprovalRequest, 'conversation'>>;

/**
 * Decides who may click Approve and Deny, whatever the platform. Approvers approve (by default not
 * their own requests: a change needs a second pair of eyes); approvers deny, and the requester may
 * deny their own request to withdraw it. Everyone else is refused with a reason naming who can act.
 * Who the approvers are is each platform's directory's (src/chat/approver-directory.ts): a principal
 * is judged by the directory of its own platform only, and a request only by principals of the
 * platform it was asked on (approval ids are one space for all platforms; an approver elsewhere
 * cannot see the request's conversation).
 */
export class ApproverPolicy {
  private readonly directories: Map<string, ApproverDirectory>;
  private readonly allowSelfApproval: boolean;

  constructor(directories: ApproverDirectory[], options: ApproverPolicyOptions = {}) {
    this.directories = new Map();
    for (const directory of directories) {
      if (this.directories.has(directory.platform)) {
        throw new UsageError(`invalid approvers: two approver directories for ${directory.platform}`);
      }
      this.directories.set(directory.platform, directory);
    }
    this.allowSelfApproval = options.allowSelfApproval ?? false;
  }

  /** Whether `who` may approve the request. */
  async canApprove(who: PrincipalId, request: RequestParties): Promise<ApproverCheck> {
    const elsewhere = this.otherPlatform(who, request);
    if (elsewhere) return elsewhere;
    const approver = await this.isApprover(who, 'approve this request');
    if (approver !== true) return approver;
    if (who === request.requestedBy && !this.allowSelfApproval) {
      return { allowed: false, reason: rich`You asked for this change, so another approver has to approve it.` };
    }
    return { allowed: true };
  }

  /** Whether `who` may deny the request: approvers, and the requester (to withdraw it). */
  async canDeny(who: PrincipalId, request: RequestParties): Promise<ApproverCheck> {
    const elsewhere = this.otherPlatform(who, request);
    if (elsewhere) return elsewhere;
    if (who === request.requestedBy) return { allowed: true };
    const approver = await this.isApprover(who, 'deny this request (or the person who asked for it, to withdraw it)');
    return approver === true ? { allowed: true } : approver;
  }

  /** Whether `who` may act as an approver for something that has no requester (muting an alert). */
  async canAct(who: PrincipalId, what: string): Promise<ApproverCheck> {
    const approver = await this.isApprover(who, what);
    return approver === true ? { allowed: true } : approver;
  }

  /** A request is decided on the platform it was asked on, by that platform's principals only. */
  private otherPlatform(who: PrincipalId, request: RequestParties): Refusal | undefined {
    const asked = request.conversation?.platform ?? platformOf(request.requestedBy);
    const clicker = platformOf(who);
    if (clicker === asked) return undefined;
    const name = (platform: string) => this.directories.get(platform)?.platformName ?? platform;
    return {
      allowed: false,
      reason: rich`This request was made on ${name(asked)}, so only approvers there can decide it (you are on ${name(clicker)}).`,
    };
  }

  private async isApprover(who: PrincipalId, what: string): Promise<true | Refusal> {
    const directory = this.directories.get(platformOf(who));
    const configured = [...this.directories.values()].filter((d) => d.configured);
    if (configured.length === 0) {
      return {
        allowed: false,
        reason: rich`No approvers are configured for this bot (IMAGESTREAM_APPROVERS), so nobody can approve changes.`,
      };
    }
    if (directory?.configured) {
      try {
        if (await directory.isApprover(who)) return true;
      } catch (err) {
        // Fail closed: if the directory cannot say, the clicker is not an approver this time.
        return {
          allowed: false,
          reason: rich`Could not check whether you are an approver (${errorMessage(err)}). Try again in a minute.`,
        };
      }
    }
    // No directory for the clicker's platform: nobody there is an approver; say who is.
    const approvers = joinRich(
      configured.map((d) => d.describe()),
      ', ',
    );
    return { allowed: false, reason: rich`Only approvers can ${what}. Approvers: ${approvers}.` };
  }
}
