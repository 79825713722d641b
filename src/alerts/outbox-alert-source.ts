import { z } from 'zod';
import {
  type ConversationRef,
  type MessageRef,
  conversationRefSchema,
  messageRefSchema,
} from '../chat/conversation-ref';

/** The fields of an alert the outbox itself reads; the renderers get the whole alert. */
export interface OutboxAlert {
  id: string;
  /** Where the alert is posted (from the channel map); its platform picks the sender. */
  destination: ConversationRef;
  /** Bumped on every change of the alert; the outbox skips updates that would show nothing new. */
  version: number;
  /** Set once the alert is posted (where the platform says it is): updates and thread replies wait for it. */
  message?: MessageRef;
}

/** Where the outbox reads alerts and records their posted message (the alert store, in production). */
export interface OutboxAlertSource<A extends OutboxAlert = OutboxAlert> {
  get(id: string): Promise<A | null>;
  setMessage(id: string, ref: MessageRef): Promise<void>;
}

/** The outbox's view of an alert, checked again: it came back from Redis. */
export const outboxAlertSchema = z.looseObject({
  id: z.string().min(1),
  destination: conversationRefSchema,
  version: z.number().int(),
  message: messageRefSchema.optional(),
});
