import { z } from 'zod';
import {
  type ConversationRef,
  type MessageRef,
  conversationRefSchema,
  messageRefSchema,
} from '../chat/conversation-ref';
import { RemoteError } from '../errors';
import { alertIdSchema } from './alert-id';
import { AlertState } from './problem';

export { alertIdSchema } from './alert-id';

const int = z.coerce.number().int().nonnegative();
const text = (max: number) => z.string().max(max);
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (v === '' || v === undefined ? undefined : v), schema.optional());
/** A field holding one JSON value (a destination, a message reference). */
const json = <T extends z.ZodTypeAny>(schema: T) =>
  text(2000)
    .transform((value, ctx) => {
      try {
        return JSON.parse(value) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

const sampleSchema = z.object({
  message: text(500),
  insertId: text(256),
  node: text(256).nullable(),
  image: text(1000).optional(),
  quota: z.object({ metric: text(300), limit: text(300) }).optional(),
});

/**
 * The hash of one alert as RECORD_SCRIPT writes it: every value a string. `destination` and
 * `message` (JSON: a ConversationRef, a MessageRef) replaced `channel`, `messageChannel` and
 * `messageTs` (Slack's, bare): records written before still read, as Slack's.
 */
const hashSchema = z.object({
  id: alertIdSchema,
  project: text(100).min(1),
  cluster: text(100).min(1),
  class: z.enum(['permission_denied', 'quota_exceeded', 'failed_precondition', 'invalid_argument', 'symlink_rename']),
  location: text(100),
  destination: optional(json(conversationRefSchema)),
  channel: optional(text(64)),
  count: int,
  nodes: text(20 * 256),
  nodesTotal: int,
  firstSeen: text(40),
  lastSeen: text(40),
  sample: text(8000),
  windowStartedAt: int,
  windowEndsAt: int,
  message: optional(json(messageRefSchema)),
  messageTs: optional(text(40)),
  messageChannel: optional(text(64)),
  version: int,
  afterWindow: int,
  mutedUntil: optional(int),
});

/** A flat [field, value, ...] reply (HGETALL inside Lua) as an object. */
export function pairsToHash(flat: unknown): Record<string, string> {
  if (!Array.isArray(flat)) throw new RemoteError('unexpected answer from Redis to an alert script');
  const hash: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) hash[String(flat[i])] = String(flat[i + 1]);
  return hash;
}

/** Validates an alert hash read back from Redis; RemoteError when it is not one we wrote. */
export function fromHash(hash: Record<string, string>): AlertState {
  const parsed = hashSchema.safeParse(hash);
  let sample: z.infer<typeof sampleSchema> | undefined;
  if (parsed.success) {
    try {
      const s = sampleSchema.safeParse(JSON.parse(parsed.data.sample));
      if (s.success) sample = s.data;
    } catch {
      // reported below
    }
  }
  if (!parsed.success || !sample) {
    const where = parsed.success ? 'sample' : parsed.error.issues[0]!.path.join('.');
    throw new RemoteError(`unreadable alert record in Redis (${where})`);
  }
  const h = parsed.data;
  const destination: ConversationRef | undefined =
    h.destination ?? (h.channel !== undefined ? { platform: 'slack', space: h.channel } : undefined);
  if (!destination) throw new RemoteError('unreadable alert record in Redis (destination)');
  const message: MessageRef | undefined =
    h.message ??
    (h.messageTs !== undefined
      ? { platform: 'slack', space: h.messageChannel ?? destination.space, message: h.messageTs }
      : undefined);
  const state: AlertState = {
    id: h.id,
    key: { project: h.project, cluster: h.cluster, class: h.class },
    location: h.location || null,
    destination,
    channel: destination.space,
    count: h.count,
    nodes: h.nodes === '' ? [] : h.nodes.split('\n'),
    nodesTotal: h.nodesTotal,
    firstSeen: h.firstSeen,
    lastSeen: h.lastSeen,
    sample,
    windowStartedAt: h.windowStartedAt,
    windowEndsAt: h.windowEndsAt,
    version: h.version,
    afterWindow: h.afterWindow,
  };
  if (message) Object.assign(state, { message, messageChannel: message.space, messageTs: message.message });
  if (h.mutedUntil !== undefined) state.mutedUntil = h.mutedUntil;
  return state;
}
