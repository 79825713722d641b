import type { ApproverDirectory } from '../../../src/chat/approver-directory';
import { type PrincipalId, localIdOf, platformOf } from '../../../src/chat/principal-id';
import { type RichText, joinRich, mention, text } from '../../../src/chat/rich-text';
import { GCHAT, chatPrincipal, userNameSchema } from '../chat-ids';
import { approverEntriesOf, emailSchema } from './approver-entries';
import { RememberedEmails } from './remembered-emails';

export interface ChatApproversOptions {
  /** GOOGLE_CHAT_APPROVERS: `users/…` names and/or e-mail addresses. */
  approvers: readonly string[];
  /** How many users' e-mails are remembered; default 10,000. */
  rememberCapacity?: number;
}

/**
 * Who approves on Google Chat: the users named in GOOGLE_CHAT_APPROVERS, and the users whose e-mail
 * is named there. A principal carries no e-mail (it is `gchat:users/123`), so an e-mail approver is
 * matched only through the e-mail Chat sent for that user on an event the adapter verified
 * (`remember`): an e-mail is never taken from anything a sender could forge. Principals of other
 * platforms are never Chat approvers. The decision itself is src/approvals/approver-policy.ts.
 */
export class ChatApproverDirectory implements ApproverDirectory {
  readonly platform = GCHAT;
  readonly platformName = 'Google Chat';
  readonly configured: boolean;
  private readonly userNames: Set<string>;
  private readonly emails: Set<string>;
  private readonly seen: RememberedEmails;

  constructor(options: ChatApproversOptions) {
    const { userNames, emails } = approverEntriesOf(options.approvers);
    this.userNames = new Set(userNames);
    this.emails = new Set(emails);
    this.seen = new RememberedEmails(options.rememberCapacity);
    this.configured = this.userNames.size > 0 || this.emails.size > 0;
  }

  /** Records the e-mail Chat sent for `userName` on a verified event; anything not of their shapes is ignored. */
  remember(userName: string, email: string): void {
    const user = userNameSchema.safeParse(userName);
    const address = emailSchema.safeParse(email);
    if (user.success && address.success) this.seen.remember(user.data, address.data);
  }

  async isApprover(who: PrincipalId): Promise<boolean> {
    if (platformOf(who) !== this.platform) return false;
    const userName = localIdOf(who);
    if (this.userNames.has(userName)) return true;
    const email = this.seen.emailOf(userName);
    return email !== undefined && this.emails.has(email);
  }

  /** The named users as mentions, then the e-mail addresses as text. */
  describe(): RichText {
    const users = [...this.userNames].map((name): RichText => {
      const principal = chatPrincipal(name);
      return principal ? [mention(principal)] : [text(name)];
    });
    const emails = [...this.emails].map((email): RichText => [text(email)]);
    return joinRich([...users, ...emails], ', ');
  }
}
