import type { ConversationRef, MessageRef } from '../../../src/chat/conversation-ref';
import type { MessageDocument } from '../../../src/chat/message-document';
import type { Messenger, ReplyOptions } from '../../../src/chat/messenger';
import { type PrincipalId, localIdOf, platformOf } from '../../../src/chat/principal-id';
import type { WebConversation } from '../state/web-conversation';
import { WEB } from '../web-ids';

/**
 * How jobs answer in the web chat: straight into the in-memory conversation, which tells every
 * open stream. Nothing can be down, so nothing is retried; what throws is a bug (a message that
 * is not this platform's, a private answer with nobody to show it to).
 */
export class WebMessenger implements Messenger {
  readonly platform = WEB;

  constructor(private readonly chat: WebConversation) {}

  /**
   * A command's answer, in the conversation and thread it came from. Private unless the core says
   * public, as a Slack response_url answers: only the requester sees it. `replaceOriginal` adds a
   * message all the same: the button's message changes through `update`, never through a reply.
   */
  async reply(to: ConversationRef, message: MessageDocument, options: ReplyOptions = {}): Promise<void> {
    const visibleTo =
      options.visibility === 'public'
        ? undefined
        : this.userOf(options.requester, 'a private answer needs its requester');
    this.chat.post({
      space: to.space,
      ...(to.thread ? { thread: to.thread } : {}),
      ...(visibleTo ? { visibleTo } : {}),
      document: message,
    });
  }

  async post(to: ConversationRef, message: MessageDocument): Promise<MessageRef> {
    const posted = this.chat.post({ space: to.space, ...(to.thread ? { thread: to.thread } : {}), document: message });
    return { platform: WEB, space: posted.space, message: posted.id };
  }

  async update(ref: MessageRef, message: MessageDocument): Promise<void> {
    if (ref.platform !== WEB) throw new Error(`not a web message (${ref.platform})`);
    this.chat.update(ref.space, ref.message, message);
  }

  async tellPrivately(to: ConversationRef, user: PrincipalId, message: MessageDocument): Promise<void> {
    this.chat.post({
      space: to.space,
      ...(to.thread ? { thread: to.thread } : {}),
      visibleTo: this.userOf(user, 'a private message needs its reader'),
      document: message,
    });
  }

  /** The web user behind a principal; throws for none or another platform's. */
  private userOf(who: PrincipalId | undefined, missing: string): string {
    if (!who) throw new Error(missing);
    if (platformOf(who) !== WEB) throw new Error(`not a web user (${platformOf(who)})`);
    return localIdOf(who);
  }
}
