import { z } from 'zod';
import { messageNameSchema, spaceNameSchema, threadNameSchema } from '../chat-ids';

/**
 * The part of a Chat interaction event the bot reads (Chat API v1 `Event`, the HTTP and Pub/Sub
 * payload: https://developers.google.com/workspace/chat/api/reference/rest/v1/Event, EventType,
 * Message, Space, User). Unknown fields are dropped. Ids are checked where the core will use them:
 * the space always (every answer goes there); a thread or message name of another shape is left
 * out (the answer then goes to the space). The user's name is checked by chatPrincipal, so a user
 * of another shape still gets an answer (help needs no one), as on Slack.
 */
const id = z.string().max(300);
const optionalName = <T extends z.ZodType<string>>(schema: T) => schema.optional().catch(undefined);

const userSchema = z.object({
  name: id,
  displayName: z.string().max(500).optional(),
  /** Only for users of the app's Workspace domain. */
  email: z.string().max(320).optional(),
  /** HUMAN or BOT. */
  type: z.string().max(40).optional(),
});

const spaceSchema = z.object({
  name: spaceNameSchema,
  /** Deprecated: ROOM or DM. */
  type: z.string().max(40).optional(),
  /** SPACE, GROUP_CHAT or DIRECT_MESSAGE. */
  spaceType: z.string().max(40).optional(),
  /** A DM between one person and the app. */
  singleUserBotDm: z.boolean().optional(),
});

/** An int64 in JSON: a string of digits (or a number from a lenient sender). */
const int64 = z.union([z.string().regex(/^\d{1,20}$/), z.number().int().nonnegative()]).transform(String);

const annotationSchema = z.object({
  type: z.string().max(40).optional(),
  startIndex: z.number().int().nonnegative().optional(),
  length: z.number().int().nonnegative().optional(),
  userMention: z.object({ user: z.object({ name: id.optional(), type: z.string().max(40).optional() }) }).optional(),
});

const messageSchema = z.object({
  name: optionalName(messageNameSchema),
  text: z.string().max(100_000).optional(),
  /** The text with the app's @mentions (or a slash command's name) stripped. */
  argumentText: z.string().max(100_000).optional(),
  slashCommand: z.object({ commandId: int64 }).optional(),
  thread: z.object({ name: optionalName(threadNameSchema) }).optional(),
  annotations: z.array(annotationSchema).max(500).optional(),
});

const paramValue = z.string().max(10_000);

export const chatEventSchema = z.object({
  type: z.string().max(60),
  eventTime: z.string().max(60).optional(),
  space: spaceSchema,
  user: userSchema.optional(),
  message: messageSchema.optional(),
  /** A card click (newer form): the button's `onClick.action.function` and its parameters as a map. */
  common: z
    .object({
      invokedFunction: z.string().max(200).optional(),
      parameters: z.record(z.string().max(200), paramValue).optional(),
    })
    .optional(),
  /** A card click (older form): the same as `actionMethodName` and `[{key, value}]`. */
  action: z
    .object({
      actionMethodName: z.string().max(200).optional(),
      parameters: z
        .array(z.object({ key: z.string().max(200), value: paramValue.optional() }))
        .max(100)
        .optional(),
    })
    .optional(),
});

export type ChatEvent = z.infer<typeof chatEventSchema>;
export type ChatUser = z.infer<typeof userSchema>;
export type ChatSpace = z.infer<typeof spaceSchema>;

/** A DM with the app: every answer there is seen by that one person anyway. */
export function isDirectMessage(space: ChatSpace): boolean {
  return space.spaceType === 'DIRECT_MESSAGE' || space.type === 'DM' || space.singleUserBotDm === true;
}

/**
 * The thread an answer to the event goes in: the message's, except in a DM, whose messages carry a
 * thread too but where an app cannot reply in one (`messageReplyOption`: "Only supported in named
 * spaces", https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages/create):
 * the answer goes to the DM itself.
 */
export function replyThreadOf(event: Pick<ChatEvent, 'space' | 'message'>): string | undefined {
  return isDirectMessage(event.space) ? undefined : event.message?.thread?.name;
}
