/**
 * A fake of the Google Chat API v1 (the message calls a Chat app makes with app authentication),
 * on 127.0.0.1, for the real googleapis `chat` client. It follows the REST reference
 * (https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages):
 * - POST /v1/{parent=spaces/*}/messages with `messageId` (client-assigned, `client-` + at most 63
 *   lowercase letters, digits and hyphens, unique in the space: a reused one is 409 ALREADY_EXISTS),
 *   `requestId` (a repeated one answers the message it created), `messageReplyOption` and the
 *   deprecated `threadKey` query parameters; threads grouped by `thread.threadKey` or `thread.name`;
 * - PATCH (and PUT) /v1/{name=spaces/* /messages/*} with `updateMask`;
 * - GET /v1/{name=spaces/* /messages/*} and GET /v1/{name=spaces/*};
 * - a message is named by its system id or, when it has one, its client-assigned id;
 * - errors in Google's JSON format `{error: {code, message, status}}`; 401 without the bearer token
 *   FAKE_TOKEN; 404 NOT_FOUND for a space the test did not register, 403 PERMISSION_DENIED for one
 *   the app was removed from.
 * Tests inject failures (429 with Retry-After, 500, a dropped connection, or a write applied whose
 * answer is lost) and read every applied write with its time, per space, to assert pacing.
 */
import { FAKE_TOKEN, type FakeRequest, sendError, sendJson, startHttpFake } from './http-fake';

export { FAKE_TOKEN };

/** A space the app is in (or was removed from). */
export interface FakeChatSpace {
  name: string;
  spaceType: 'SPACE' | 'GROUP_CHAT' | 'DIRECT_MESSAGE';
  displayName?: string;
  /** The app was removed: every call about the space answers 403 PERMISSION_DENIED. */
  appRemoved?: boolean;
}

/** A stored message, in the Message resource's JSON field names. */
export interface FakeChatMessage {
  name: string;
  space: { name: string };
  thread: { name: string; threadKey?: string };
  threadReply: boolean;
  sender: { name: string; type: 'BOT' };
  createTime: string;
  lastUpdateTime?: string;
  text?: string;
  cardsV2?: unknown[];
  fallbackText?: string;
  accessoryWidgets?: unknown[];
  privateMessageViewer?: { name: string };
  clientAssignedMessageId?: string;
  /** Not part of the resource: the requestId it was created with. */
  requestId?: string;
}

/** A write the fake applied (creates and updates count against Chat's per-space write quota). */
export interface ChatWrite {
  method: 'create' | 'patch';
  space: string;
  /** The message's system name. */
  message: string;
  /** Epoch ms (the fake's clock) when it was applied. */
  at: number;
}

/** Every request that reached the fake, answered or not. */
export interface ChatRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
  at: number;
  /** The HTTP status answered; undefined when the connection was dropped. */
  status?: number;
}

/** Which calls an injected failure applies to. */
export type ChatCall = 'create' | 'patch' | 'get';

/**
 * What to answer instead: an HTTP error (429 with Retry-After seconds when given), `drop` (the
 * connection closes, nothing applied), or `lose` (the call is applied, then the connection closes
 * before the answer: "it landed but the response was lost").
 */
export type ChatFailure = { status: 429; retryAfter?: number } | { status: 500 | 503 } | { kind: 'drop' | 'lose' };

/** A running fake. */
export interface FakeChatApi {
  /** `http://127.0.0.1:PORT/`, for CHAT_API_ENDPOINT. */
  url: string;
  spaces: Map<string, FakeChatSpace>;
  /** Every message, in creation order. */
  messages: FakeChatMessage[];
  writes: ChatWrite[];
  requests: ChatRequest[];
  /** Registers a space the app is a member of (type SPACE unless told). */
  addSpace(name: string, space?: Partial<Omit<FakeChatSpace, 'name'>>): void;
  /** The messages of a space, in creation order. */
  messagesIn(space: string): FakeChatMessage[];
  /** A message by its system or client-assigned name; undefined when unknown. */
  message(name: string): FakeChatMessage | undefined;
  /** The messages of a thread, in order. */
  threadMessages(threadName: string): FakeChatMessage[];
  /** The most writes to `space` that fell within any 60 s window. */
  maxWritesPerMinute(space: string): number;
  /**
   * Answers the next `times` calls (of the kind `only`, when given) with `failure`, instead of what
   * was still pending for the same calls.
   */
  failNext(times: number, failure: ChatFailure, only?: ChatCall): void;
  close(): Promise<void>;
}

export interface FakeChatOptions {
  /** The clock of write times and createTime (default Date.now). */
  now?: () => number;
  /** When set, a write beyond this many per space in the last 60 s answers 429 RESOURCE_EXHAUSTED, as Chat does. */
  writeQuotaPerMinute?: number;
}

const MESSAGE_ID = /^client-[a-z0-9-]+$/;
const REPLY_OPTIONS = [
  'MESSAGE_REPLY_OPTION_UNSPECIFIED',
  'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD',
  'REPLY_MESSAGE_OR_FAIL',
];
// updateMask paths the reference lists for spaces.messages.patch, in both spellings Google accepts.
const MASK_FIELDS: Record<string, string> = {
  text: 'text',
  cards_v2: 'cardsV2',
  cardsV2: 'cardsV2',
  accessory_widgets: 'accessoryWidgets',
  accessoryWidgets: 'accessoryWidgets',
  attachment: 'attachment',
  cards: 'cards',
  quoted_message_metadata: 'quotedMessageMetadata',
  quotedMessageMetadata: 'quotedMessageMetadata',
};
/** The most bytes a message (text and cards) may take (spaces.messages.create reference). */
const MAX_MESSAGE_BYTES = 32_000;

/** Starts the fake on a free loopback port. */
export async function startFakeChatApi(options: FakeChatOptions = {}): Promise<FakeChatApi> {
  const now = options.now ?? Date.now;
  const spaces = new Map<string, FakeChatSpace>();
  const messages: FakeChatMessage[] = [];
  const writes: ChatWrite[] = [];
  const requests: ChatRequest[] = [];
  const failures: Array<{ times: number; failure: ChatFailure; only?: ChatCall }> = [];
  const threadsByKey = new Map<string, string>();
  let counter = 0;
  const nextId = (prefix: string) => `${prefix}${(counter += 1).toString(36).padStart(6, '0')}`;

  const find = (name: string): FakeChatMessage | undefined =>
    messages.find(
      (m) =>
        m.name === name ||
        (m.clientAssignedMessageId && `${m.space.name}/messages/${m.clientAssignedMessageId}` === name),
    );

  const fake = await startHttpFake((req, res) => {
    const record: ChatRequest = {
      method: req.method,
      path: req.path,
      query: Object.fromEntries(req.query),
      ...(req.body !== undefined ? { body: req.body } : {}),
      at: now(),
    };
    requests.push(record);
    const answer = (status: number, write: () => void) => {
      record.status = status;
      write();
    };
    const error = (code: number, message: string, status?: string) =>
      answer(code, () => sendError(res, code, message, status));
    const ok = (body: unknown) => answer(200, () => sendJson(res, body));

    const route = routeOf(req);
    if (!route) return error(404, `no route for ${req.method} ${req.path}`);
    if (!req.authorized)
      return error(401, 'Request is missing required authentication credential. Expected OAuth 2 access token.');

    const injected = route.call ? takeFailure(failures, route.call) : undefined;
    if (injected && 'status' in injected) {
      if (injected.status === 429 && injected.retryAfter !== undefined)
        res.setHeader('retry-after', String(injected.retryAfter));
      return injected.status === 429
        ? error(429, 'Resource has been exhausted (e.g. check quota).', 'RESOURCE_EXHAUSTED')
        : error(
            injected.status,
            injected.status === 500 ? 'Internal error encountered.' : 'The service is currently unavailable.',
          );
    }
    if (injected?.kind === 'drop') return req.drop();
    // A lost answer: the call is applied, then the connection closes before the client reads anything.
    const respond: Responder =
      injected?.kind === 'lose' ? { ok: () => req.drop(), error: () => req.drop() } : { ok, error };

    const space = spaces.get(route.space);
    if (!space) return respond.error(404, 'Requested entity was not found.', 'NOT_FOUND');
    if (space.appRemoved) return respond.error(403, 'The caller does not have permission', 'PERMISSION_DENIED');

    switch (route.call) {
      case 'create':
        return create(space, req, respond);
      case 'patch':
        return patch(route.name!, req, respond);
      default: {
        if (!route.name) return respond.ok(spaceJson(space));
        const found = find(route.name);
        return found
          ? respond.ok(messageJson(found))
          : respond.error(404, 'Requested entity was not found.', 'NOT_FOUND');
      }
    }
  });

  function overQuota(space: string): boolean {
    if (options.writeQuotaPerMinute === undefined) return false;
    const since = now() - 60_000;
    return writes.filter((w) => w.space === space && w.at > since).length >= options.writeQuotaPerMinute;
  }

  function create(space: FakeChatSpace, req: FakeRequest, respond: Responder): void {
    const q = req.query;
    const body = isObject(req.body) ? req.body : {};
    const requestId = q.get('requestId') ?? undefined;
    const earlier = requestId
      ? messages.find((m) => m.space.name === space.name && m.requestId === requestId)
      : undefined;
    if (earlier) return respond.ok(messageJson(earlier));
    const messageId = q.get('messageId') ?? undefined;
    if (messageId !== undefined && (!MESSAGE_ID.test(messageId) || messageId.length > 63))
      return respond.error(400, `Invalid message id: ${messageId.slice(0, 80)}`);
    if (messageId && messages.some((m) => m.space.name === space.name && m.clientAssignedMessageId === messageId))
      return respond.error(409, `Message ${space.name}/messages/${messageId} already exists`, 'ALREADY_EXISTS');
    const problem = contentProblem(body);
    if (problem) return respond.error(400, problem);
    const viewer = body.privateMessageViewer;
    if (
      viewer !== undefined &&
      !(isObject(viewer) && typeof viewer.name === 'string' && /^users\/[A-Za-z0-9_-]+$/.test(viewer.name))
    )
      return respond.error(400, 'Invalid privateMessageViewer: expected {name: "users/..."}');
    const option = q.get('messageReplyOption') ?? 'MESSAGE_REPLY_OPTION_UNSPECIFIED';
    if (!REPLY_OPTIONS.includes(option)) return respond.error(400, `Invalid value for messageReplyOption: "${option}"`);
    if (overQuota(space.name))
      return respond.error(429, 'Resource has been exhausted (e.g. check quota).', 'RESOURCE_EXHAUSTED');

    const asked = isObject(body.thread) ? body.thread : {};
    const threadKey = typeof asked.threadKey === 'string' ? asked.threadKey : (q.get('threadKey') ?? undefined);
    const threadName = typeof asked.name === 'string' ? asked.name : undefined;
    let thread: { name: string; threadKey?: string } | undefined;
    let threadReply = false;
    // Without a reply option Chat starts a new thread and ignores the thread asked for.
    if (option !== 'MESSAGE_REPLY_OPTION_UNSPECIFIED') {
      const existing = threadName?.startsWith(`${space.name}/threads/`)
        ? messages.find((m) => m.thread.name === threadName)?.thread
        : threadKey !== undefined
          ? messages.find((m) => m.thread.name === threadsByKey.get(`${space.name}|${threadKey}`))?.thread
          : undefined;
      if (existing) {
        thread = existing;
        threadReply = true;
      } else if (option === 'REPLY_MESSAGE_OR_FAIL') {
        return respond.error(404, 'Thread not found.', 'NOT_FOUND');
      }
    }
    if (!thread) {
      thread = { name: `${space.name}/threads/${nextId('T')}`, ...(threadKey !== undefined ? { threadKey } : {}) };
      if (threadKey !== undefined && option !== 'MESSAGE_REPLY_OPTION_UNSPECIFIED')
        threadsByKey.set(`${space.name}|${threadKey}`, thread.name);
    }
    const id = nextId('M');
    const message: FakeChatMessage = {
      name: `${space.name}/messages/${id}.${id}`,
      space: { name: space.name },
      thread,
      threadReply,
      sender: { name: 'users/app', type: 'BOT' },
      createTime: new Date(now()).toISOString(),
      ...pick(body, ['text', 'cardsV2', 'fallbackText', 'accessoryWidgets']),
      ...(isObject(viewer) ? { privateMessageViewer: { name: String(viewer.name) } } : {}),
      ...(messageId ? { clientAssignedMessageId: messageId } : {}),
      ...(requestId ? { requestId } : {}),
    };
    messages.push(message);
    writes.push({ method: 'create', space: space.name, message: message.name, at: now() });
    respond.ok(messageJson(message));
  }

  function patch(name: string, req: FakeRequest, respond: Responder): void {
    const message = find(name);
    if (!message) return respond.error(404, 'Requested entity was not found.', 'NOT_FOUND');
    const mask = req.query.get('updateMask');
    if (!mask) return respond.error(400, 'updateMask is required');
    const paths =
      mask === '*' ? ['text', 'cardsV2', 'accessoryWidgets', 'attachment'] : mask.split(',').map((p) => p.trim());
    const unknown = paths.find((p) => !(p in MASK_FIELDS));
    if (unknown !== undefined) return respond.error(400, `Invalid update mask path: "${unknown.slice(0, 80)}"`);
    const body = isObject(req.body) ? req.body : {};
    // Each path of the mask takes the body's value, or is cleared when the body has none.
    const next: Record<string, unknown> = { ...message };
    for (const path of paths) {
      const field = MASK_FIELDS[path]!;
      if (body[field] === undefined) delete next[field];
      else next[field] = body[field];
    }
    const problem = contentProblem(next);
    if (problem) return respond.error(400, problem);
    if (overQuota(message.space.name))
      return respond.error(429, 'Resource has been exhausted (e.g. check quota).', 'RESOURCE_EXHAUSTED');
    const stored = message as unknown as Record<string, unknown>;
    for (const key of Object.keys(stored)) delete stored[key];
    Object.assign(stored, next, { lastUpdateTime: new Date(now()).toISOString() });
    writes.push({ method: 'patch', space: message.space.name, message: message.name, at: now() });
    respond.ok(messageJson(message));
  }

  return {
    url: fake.url,
    spaces,
    messages,
    writes,
    requests,
    addSpace: (name, space = {}) => void spaces.set(name, { name, spaceType: 'SPACE', ...space }),
    messagesIn: (space) => messages.filter((m) => m.space.name === space),
    message: find,
    threadMessages: (threadName) => messages.filter((m) => m.thread.name === threadName),
    maxWritesPerMinute: (space) => {
      const times = writes.filter((w) => w.space === space).map((w) => w.at);
      return times.reduce(
        (max, start) => Math.max(max, times.filter((t) => t >= start && t < start + 60_000).length),
        0,
      );
    },
    failNext: (times, failure, only) => {
      const pending = failures.findIndex((f) => f.only === only);
      if (pending >= 0) failures.splice(pending, 1);
      failures.push({ times, failure, ...(only ? { only } : {}) });
    },
    close: () => fake.close(),
  };
}

interface Responder {
  ok(body: unknown): void;
  error(code: number, message: string, status?: string): void;
}

interface Route {
  call?: ChatCall;
  space: string;
  /** A message's name (patch, get of a message); undefined for the space itself. */
  name?: string;
}

const SEGMENT = '[A-Za-z0-9_.-]+';
const MESSAGES = new RegExp(`^/v1/(spaces/${SEGMENT})/messages$`);
const MESSAGE = new RegExp(`^/v1/((spaces/${SEGMENT})/messages/${SEGMENT})$`);
const SPACE = new RegExp(`^/v1/(spaces/${SEGMENT})$`);

function routeOf(req: FakeRequest): Route | undefined {
  const list = MESSAGES.exec(req.path);
  if (list && req.method === 'POST') return { call: 'create', space: list[1]! };
  const one = MESSAGE.exec(req.path);
  if (one && (req.method === 'PATCH' || req.method === 'PUT')) return { call: 'patch', space: one[2]!, name: one[1]! };
  if (one && req.method === 'GET') return { call: 'get', space: one[2]!, name: one[1]! };
  const space = SPACE.exec(req.path);
  if (space && req.method === 'GET') return { call: 'get', space: space[1]! };
  return undefined;
}

function takeFailure(
  failures: Array<{ times: number; failure: ChatFailure; only?: ChatCall }>,
  call: ChatCall,
): ChatFailure | undefined {
  const entry = failures.find((f) => f.times > 0 && (f.only === undefined || f.only === call));
  if (!entry) return undefined;
  entry.times -= 1;
  return entry.failure;
}

// A message needs text or cards, and fits in 32,000 bytes.
function contentProblem(body: Record<string, unknown>): string | undefined {
  const hasText = typeof body.text === 'string' && body.text !== '';
  const hasCards = Array.isArray(body.cardsV2) && body.cardsV2.length > 0;
  if (!hasText && !hasCards) return 'Message cannot be empty. Discarding empty message.';
  const size = Buffer.byteLength(JSON.stringify({ text: body.text, cardsV2: body.cardsV2 }), 'utf8');
  if (size > MAX_MESSAGE_BYTES) return `Message too large: ${size} bytes (at most ${MAX_MESSAGE_BYTES})`;
  return undefined;
}

function messageJson(message: FakeChatMessage): Record<string, unknown> {
  const { requestId: _requestId, ...resource } = message;
  return resource;
}

function spaceJson(space: FakeChatSpace): Record<string, unknown> {
  const { appRemoved: _removed, ...resource } = space;
  return {
    ...resource,
    type: space.spaceType === 'DIRECT_MESSAGE' ? 'DM' : 'ROOM',
    singleUserBotDm: space.spaceType === 'DIRECT_MESSAGE',
  };
}

function pick(body: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((f) => body[f] !== undefined).map((f) => [f, body[f]]));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
