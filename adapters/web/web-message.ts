/**
 * A message as the browser receives it (JSON): the channel's messages, private ones included for
 * the one person who may see them. `html` is the core's neutral document rendered by
 * html/document-to-html.ts (escaped there); `text` is the same document as plain text.
 */
export interface WebMessage {
  id: string;
  space: string;
  /** The root message's id, for a reply in a thread. */
  thread?: string;
  /** The only user who sees it (`alice`); absent for everyone. */
  visibleTo?: string;
  /** `bot`, or the user who wrote it. */
  author: 'bot' | string;
  html: string;
  text: string;
  /** 1 when posted, +1 per update. */
  version: number;
  /** Epoch ms it was posted. */
  at: number;
}

/** Whether `user` may see `message`. */
export function visibleToUser(message: Pick<WebMessage, 'visibleTo'>, user: string): boolean {
  return message.visibleTo === undefined || message.visibleTo === user;
}
