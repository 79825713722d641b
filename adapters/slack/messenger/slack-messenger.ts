import type { ConversationRef, MessageRef } from '../../../src/chat/conversation-ref';
import type { MessageDocument } from '../../../src/chat/message-document';
import type { Messenger, ReplyOptions } from '../../../src/chat/messenger';
import { RemoteError } from '../../../src/errors';
import { type PrincipalId, localIdOf } from '../../../src/chat/principal-id';
import { toSlackMessage } from '../block-kit/to-slack-message';
import { type PostToResponseUrlOptions, REPLY_RETRY_MS, postToResponseUrl } from './post-to-response-url';
import { ReplyLine } from '../../../src/chat/reply-line';
import type { SlackChatClient } from './slack-chat-client';
import { toMessengerError } from './slack-messenger-error';

/** How the Slack messenger reaches Slack. */
export interface SlackMessengerOptions {
  /** The Web API client (post, update, ephemeral messages). */
  web: SlackChatClient;
  /** Orders replies per channel and user in this process; closed when the process stops. Default: its own. */
  replies?: ReplyLine;
  /**
   * How replies are posted to a response_url (fetch, accepted URL prefix, backoff); the messenger
   * sets the message, visibility, retry budget and stop signal.
   */
  responseUrl?: Omit<PostToResponseUrlOptions, 'responseType' | 'replaceOriginal' | 'retryForMs' | 'signal'>;
}

/**
 * The Messenger over Slack: a reply goes to the command's response_url (in order per channel and
 * user, retried through a Slack outage for what is left of the URL's 30 minutes), a posted message
 * is chat.postMessage (its ts is the message ref), an update chat.update, a private word
 * chat.postEphemeral. Documents become Block Kit here (toSlackMessage), and Slack's refusals
 * become NotPostedError so the core never reads a Slack error code.
 */
export class SlackMessenger implements Messenger {
  readonly platform = 'slack';
  private readonly replies: ReplyLine;

  constructor(private readonly options: SlackMessengerOptions) {
    this.replies = options.replies ?? new ReplyLine();
  }

  async reply(to: ConversationRef, message: MessageDocument, options: ReplyOptions = {}): Promise<void> {
    const url = to.replyHandle;
    if (!url) throw new RemoteError('this Slack conversation has no response URL to answer on');
    const retryForMs = Math.max(0, REPLY_RETRY_MS - (Date.now() - (options.queuedAt ?? Date.now())));
    const key = `${to.space}:${options.requester ?? ''}`;
    await this.replies.send(key, (signal) =>
      postToResponseUrl(url, toSlackMessage(message), {
        ...this.options.responseUrl,
        ...(options.visibility ? { responseType: options.visibility === 'public' ? 'in_channel' : 'ephemeral' } : {}),
        ...(options.replaceOriginal !== undefined ? { replaceOriginal: options.replaceOriginal } : {}),
        retryForMs,
        signal: options.signal ? AbortSignal.any([signal, options.signal]) : signal,
      }),
    );
  }

  async post(to: ConversationRef, message: MessageDocument): Promise<MessageRef> {
    const posted = await call(() =>
      this.options.web.chat.postMessage({
        channel: to.space,
        ...toSlackMessage(message),
        ...(to.thread ? { thread_ts: to.thread } : {}),
      }),
    );
    if (!posted.ts) throw new RemoteError('Slack posted the message without saying where (no ts)');
    return { platform: this.platform, space: to.space, message: posted.ts };
  }

  async update(ref: MessageRef, message: MessageDocument): Promise<void> {
    await call(() => this.options.web.chat.update({ channel: ref.space, ts: ref.message, ...toSlackMessage(message) }));
  }

  async tellPrivately(to: ConversationRef, user: PrincipalId, message: MessageDocument): Promise<void> {
    await call(() =>
      this.options.web.chat.postEphemeral({
        channel: to.space,
        user: localIdOf(user),
        ...toSlackMessage(message),
        ...(to.thread ? { thread_ts: to.thread } : {}),
      }),
    );
  }

  /** The process is stopping: replies waiting out a Slack outage give up now (their jobs retry elsewhere). */
  close(): void {
    this.replies.close();
  }
}

async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (err) {
    throw toMessengerError(err);
  }
}
