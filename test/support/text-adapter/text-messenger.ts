/**
 * A test-only chat adapter: a Messenger over an in-memory transcript, in plain text
 * (documentToText). Platform `text`; it imports nothing of Slack's, so a job that works through it
 * works through the Messenger port alone.
 */
import type { ConversationRef, MessageRef } from '../../../src/chat/conversation-ref';
import { documentToText } from '../../../src/chat/document-to-text';
import type { MessageDocument } from '../../../src/chat/message-document';
import type { Messenger, ReplyOptions, ReplyVisibility } from '../../../src/chat/messenger';
import type { PrincipalId } from '../../../src/chat/principal-id';

/** One thing said in a conversation, as the text adapter shows it. */
export interface TranscriptLine {
  kind: 'reply' | 'post' | 'update' | 'private';
  space: string;
  thread?: string;
  /** A reply's audience (default private, as chat commands answer). */
  visibility?: ReplyVisibility;
  /** Who asked (a reply), or who alone sees it (private). */
  user?: PrincipalId;
  /** The posted or updated message's id. */
  message?: string;
  text: string;
  /** What the core handed over, before it was turned into text. */
  document: MessageDocument;
}

/** A posted message as it stands now: `update` replaces its document in place (its buttons too). */
export interface TextMessage {
  ref: MessageRef;
  /** The message it was posted under (a thread reply), if any. */
  thread?: string;
  document: MessageDocument;
  text: string;
  /** 1 when posted, +1 per update. */
  version: number;
}

/** Whether a message reference is one this platform issues (`m1`, `m2`, ...): what the alert store checks. */
export function isTextMessage(ref: MessageRef): boolean {
  return ref.platform === 'text' && /^m[1-9][0-9]*$/.test(ref.message);
}

export class TextMessenger implements Messenger {
  readonly platform = 'text';
  readonly transcript: TranscriptLine[] = [];
  /** Every posted message by its id, as it reads now. */
  readonly messages = new Map<string, TextMessage>();
  private posted = 0;
  private readonly waiters: Array<() => void> = [];

  async reply(to: ConversationRef, message: MessageDocument, options: ReplyOptions = {}): Promise<void> {
    this.say({
      kind: 'reply',
      space: to.space,
      ...(to.thread ? { thread: to.thread } : {}),
      visibility: options.visibility ?? 'private',
      ...(options.requester ? { user: options.requester } : {}),
      text: documentToText(message),
      document: message,
    });
  }

  async post(to: ConversationRef, message: MessageDocument): Promise<MessageRef> {
    this.posted += 1;
    const ref = { platform: this.platform, space: to.space, message: `m${this.posted}` };
    const text = documentToText(message);
    const thread = to.thread ? { thread: to.thread } : {};
    this.messages.set(ref.message, { ref, ...thread, document: message, text, version: 1 });
    this.say({ kind: 'post', space: to.space, ...thread, message: ref.message, text, document: message });
    return ref;
  }

  async update(ref: MessageRef, message: MessageDocument): Promise<void> {
    const posted = this.messages.get(ref.message);
    // A platform refuses to update a message it never posted: so does this one.
    if (!posted || posted.ref.space !== ref.space) throw new Error(`no message ${ref.message} in ${ref.space}`);
    const text = documentToText(message);
    Object.assign(posted, { document: message, text, version: posted.version + 1 });
    this.say({ kind: 'update', space: ref.space, message: ref.message, text, document: message });
  }

  async tellPrivately(to: ConversationRef, user: PrincipalId, message: MessageDocument): Promise<void> {
    this.say({ kind: 'private', space: to.space, user, text: documentToText(message), document: message });
  }

  /** Resolves with the first line that matches, waiting up to `timeoutMs` for it. */
  async waitFor(match: (line: TranscriptLine) => boolean, timeoutMs = 5000): Promise<TranscriptLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.transcript.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no such line in the transcript:\n${this.transcript.map((l) => l.text).join('\n---\n')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private say(line: TranscriptLine): void {
    this.transcript.push(line);
    for (const wake of this.waiters.splice(0)) wake();
  }
}
