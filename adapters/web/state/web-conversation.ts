import type { MessageDocument } from '../../../src/chat/message-document';
import { documentToText } from '../../../src/chat/document-to-text';
import { documentToHtml } from '../html/document-to-html';
import { type WebMessage, visibleToUser } from '../web-message';
import { messageIds } from './web-message-id';

/** What a new message says and where it goes. */
export interface NewWebMessage {
  space: string;
  thread?: string;
  visibleTo?: string;
  /** Default `bot`. */
  author?: string;
  document: MessageDocument;
  /**
   * Names one post, the same on every retry of it (the outbox's key): a post whose key is already
   * in the conversation returns that message instead of adding another.
   */
  key?: string;
}

export interface WebConversationOptions {
  /** How many messages are kept; older ones are forgotten (default 500). */
  maxMessages?: number;
  now?: () => number;
}

/** Called with every message posted or updated (the SSE stream filters by viewer). */
export type WebListener = (message: WebMessage) => void;

/** No message with that id in that space (never posted here, or forgotten). */
export class WebMessageNotFound extends Error {
  constructor(id: string) {
    super(`no message ${id} in the playground`);
    this.name = 'WebMessageNotFound';
  }
}

interface Stored {
  message: WebMessage;
  /** The document as the core built it: a click is checked against the buttons it holds. */
  document: MessageDocument;
  key?: string;
}

/**
 * The web chat's one conversation, in memory: the channel's messages (threads by their root's id,
 * private ones for the one user who sees them), each message's versions, and who listens. Bounded:
 * only the last `maxMessages` are kept, so a long session or an alert storm holds a fixed amount.
 * Lost on restart, like any playground.
 */
export class WebConversation {
  private readonly messages = new Map<string, Stored>();
  private readonly byKey = new Map<string, string>();
  private readonly listeners = new Set<WebListener>();
  private readonly nextId = messageIds();
  private readonly maxMessages: number;
  private readonly now: () => number;

  constructor(options: WebConversationOptions = {}) {
    this.maxMessages = Math.max(1, options.maxMessages ?? 500);
    this.now = options.now ?? Date.now;
  }

  /** Adds a message (or finds the one its key already posted) and tells the listeners. */
  post(input: NewWebMessage): WebMessage {
    const known = input.key === undefined ? undefined : this.byKey.get(input.key);
    const existing = known === undefined ? undefined : this.messages.get(known);
    if (existing) return existing.message;
    const message: WebMessage = {
      id: this.nextId(),
      space: input.space,
      ...(input.thread !== undefined ? { thread: input.thread } : {}),
      ...(input.visibleTo !== undefined ? { visibleTo: input.visibleTo } : {}),
      author: input.author ?? 'bot',
      ...rendered(input.document),
      version: 1,
      at: this.now(),
    };
    this.messages.set(message.id, { message, document: input.document, ...(input.key ? { key: input.key } : {}) });
    if (input.key !== undefined) this.byKey.set(input.key, message.id);
    this.forgetOldest();
    this.tell(message);
    return message;
  }

  /** Replaces a message's content (its next version); throws WebMessageNotFound. */
  update(space: string, id: string, document: MessageDocument): WebMessage {
    const stored = this.messages.get(id);
    if (!stored || stored.message.space !== space) throw new WebMessageNotFound(id);
    stored.message = { ...stored.message, ...rendered(document), version: stored.message.version + 1 };
    stored.document = document;
    this.tell(stored.message);
    return stored.message;
  }

  /** The message with this id, as it reads now. */
  get(id: string): WebMessage | undefined {
    return this.messages.get(id)?.message;
  }

  /** The document a message shows now (what its buttons are). */
  documentOf(id: string): MessageDocument | undefined {
    return this.messages.get(id)?.document;
  }

  /** The messages `user` may see, oldest first. */
  visibleTo(user: string): WebMessage[] {
    return [...this.messages.values()].map((s) => s.message).filter((m) => visibleToUser(m, user));
  }

  /** Every message, oldest first (tests, the simulator). */
  all(): WebMessage[] {
    return [...this.messages.values()].map((s) => s.message);
  }

  /** Calls `listener` with each message posted or updated from now on; returns how to stop. */
  subscribe(listener: WebListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** How many listeners there are (tests check that a closed stream leaves none). */
  get listenerCount(): number {
    return this.listeners.size;
  }

  private forgetOldest(): void {
    for (const [id, stored] of this.messages) {
      if (this.messages.size <= this.maxMessages) break;
      this.messages.delete(id);
      if (stored.key !== undefined) this.byKey.delete(stored.key);
    }
  }

  private tell(message: WebMessage): void {
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch {
        // One broken stream must not keep the message from the others, nor fail the post.
      }
    }
  }
}

function rendered(document: MessageDocument): Pick<WebMessage, 'html' | 'text'> {
  return { html: documentToHtml(document), text: documentToText(document) };
}
