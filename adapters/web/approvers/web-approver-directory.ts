import type { ApproverDirectory } from '../../../src/chat/approver-directory';
import { type PrincipalId, localIdOf, platformOf } from '../../../src/chat/principal-id';
import { type RichText, joinRich, mention } from '../../../src/chat/rich-text';
import { WEB, webPrincipal } from '../web-ids';

/**
 * The playground's approvers: fixed names (bob by default), so the page can show a requester being
 * refused and an approver deciding. Who may decide what stays the core's (approver-policy.ts).
 */
export class WebApproverDirectory implements ApproverDirectory {
  readonly platform = WEB;
  readonly platformName = 'the playground';
  private readonly approvers: readonly PrincipalId[];

  constructor(names: readonly string[] = ['bob']) {
    this.approvers = [...new Set(names)].map(webPrincipal);
  }

  get configured(): boolean {
    return this.approvers.length > 0;
  }

  async isApprover(who: PrincipalId): Promise<boolean> {
    return platformOf(who) === WEB && this.approvers.some((a) => localIdOf(a) === localIdOf(who));
  }

  describe(): RichText {
    return joinRich(
      this.approvers.map((a) => [mention(a)]),
      ', ',
    );
  }
}
