import { z } from 'zod';

/** The fields of an alert the outbox itself reads; the renderers get the whole alert. */
export interface OutboxAlert {
  id: string;
  /** Where the alert is posted (a channel id or name, from config). */
  channel: string;
  /** Bumped on every change of the alert; the outbox skips updates that would show nothing new. */
  version: number;
  /** Set once the alert is posted: updates and thread replies wait for it. */
  messageTs?: string;
  /** The channel id Slack answered for the post (chat.update needs the id, not a name). */
  messageChannel?: string;
}

/** Where the outbox reads alerts and records their Slack message (the alert store, in production). */
export interface OutboxAlertSource<A extends OutboxAlert = OutboxAlert> {
  get(id: string): Promise<A | null>;
  setMessage(id: string, channel: string, ts: string): Promise<void>;
}

/** The outbox's view of an alert, checked again: it came back from Redis. */
export const outboxAlertSchema = z.looseObject({
  id: z.string().min(1),
  channel: z.string().min(1),
  version: z.number().int(),
  messageTs: z.string().min(1).optional(),
  messageChannel: z.string().min(1).optional(),
});
