/**
 * The text platform's approvers: a fixed list of its user names (the test-only adapter's answer
 * to Slack's IMAGESTREAM_APPROVERS and user group). Who may decide what stays the core's
 * (src/approvals/approver-policy.ts).
 */
import type { ApproverDirectory } from '../../../src/chat/approver-directory';
import { type PrincipalId, localIdOf, platformOf, principalId } from '../../../src/chat/principal-id';
import { type RichText, joinRich, mention } from '../../../src/chat/rich-text';

export class TextApproverDirectory implements ApproverDirectory {
  readonly platform = 'text';
  private readonly approvers: ReadonlySet<string>;

  constructor(names: string[]) {
    this.approvers = new Set(names);
  }

  get configured(): boolean {
    return this.approvers.size > 0;
  }

  async isApprover(who: PrincipalId): Promise<boolean> {
    return platformOf(who) === this.platform && this.approvers.has(localIdOf(who));
  }

  describe(): RichText {
    return joinRich(
      [...this.approvers].map((name) => [mention(principalId(this.platform, name))]),
      ', ',
    );
  }
}
