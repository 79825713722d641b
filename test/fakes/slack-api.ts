/**
 * A fake of the Slack Web API and of response URLs, on 127.0.0.1, for the real @slack/web-api
 * client and the bot's own posts. It answers as Slack does (HTTP 200 with `{ok:false, error}` for
 * API errors), records every call, and can be told to answer the next calls with 429 + Retry-After
 * or 500. It also rejects messages over Block Kit's limits (`invalid_blocks`), as Slack would, and
 * App Home views (`views.publish`) over 100 blocks.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';

/** The bot token the fake accepts. */
export const FAKE_SLACK_TOKEN = 'xoxb-test-token';

/** One request that reached the fake's logic (injected failures are in `rejected` instead). */
export interface SlackCall {
  /** A Web API method (`chat.postMessage`), or `response_url` for a post to a response URL. */
  method: string;
  /** Form fields or JSON, with `blocks`/`attachments` parsed from their JSON strings. */
  body: Record<string, unknown>;
  /** Epoch ms when the request was received. */
  at: number;
  /** For `response_url`: the id in `/response/<id>`. */
  responseId?: string;
  /** The Slack error answered (`ok: false`), if any. */
  error?: string;
}

/** What to answer instead of the real thing. */
export type SlackFailure = { status: 429; retryAfter: number } | { status: 500 };

/** State the fake answers from; tests may change it at any time. */
export interface FakeSlackState {
  /** usergroups.users.list: group id -> user ids. */
  userGroups: Record<string, string[]>;
  /** auth.test answers. */
  botUserId: string;
  botId: string;
  teamId: string;
  /** Channels the bot is not a member of: chat.postMessage there answers not_in_channel. */
  notInChannels: string[];
  /**
   * conversations.members: channel id -> member user ids. A channel not listed answers
   * channel_not_found, as Slack does for a channel the bot cannot see.
   */
  channelMembers: Record<string, string[]>;
  /** apps.connections.open (Socket Mode): the app-level token it accepts and the WebSocket URL it answers. */
  socketMode?: { appToken: string; url: string };
}

/** A running fake. */
export interface FakeSlack {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  /** Web API base, for WebClient's slackApiUrl: `http://127.0.0.1:PORT/api/` */
  apiUrl: string;
  /** Prefix of every response URL, for postToResponseUrl's allowedPrefix. */
  responseUrlPrefix: string;
  state: FakeSlackState;
  /** Every call that got a real answer, in order. */
  calls: SlackCall[];
  /** Every call answered with an injected failure, in order. */
  rejected: Array<SlackCall & { status: number }>;
  /** The response URL with this id. */
  responseUrl(id: string): string;
  /** The calls of one method (`response_url` for response URL posts). */
  callsOf(method: string): SlackCall[];
  /** Answers the next `times` calls of `method` with `failure`. */
  failNext(method: string, times: number, failure: SlackFailure): void;
  /**
   * Holds the next `times` calls of `method` for `ms` before acting on them, as a slow Slack
   * would: a call sent later but not held is recorded (applied) first.
   */
  slowNext(method: string, times: number, ms: number): void;
  /** Answers the next `times` posts to response URL `id` with `failure`. */
  failNextResponse(id: string, times: number, failure: SlackFailure): void;
  /** An outage: every call (Web API and response URLs) answers 503 until epoch ms `until` (undefined: up again). */
  downUntil(until: number | undefined): void;
  /** Resolves with the first recorded call matching `predicate` (past or future); rejects after `timeoutMs`. */
  waitFor(predicate: (call: SlackCall) => boolean, timeoutMs?: number): Promise<SlackCall>;
  close(): Promise<void>;
}

// Fields the Web API sends as JSON strings inside a form body.
const JSON_FIELDS = ['blocks', 'attachments', 'metadata', 'view'];

/** Starts the fake on a free loopback port. */
export async function startFakeSlack(state: Partial<FakeSlackState> = {}): Promise<FakeSlack> {
  const calls: SlackCall[] = [];
  const rejected: Array<SlackCall & { status: number }> = [];
  const failures = new Map<string, { times: number; failure: SlackFailure }>();
  const slow = new Map<string, { times: number; ms: number }>();
  let downUntil: number | undefined;
  let tsCounter = 0;
  const tsBase = Math.floor(Date.now() / 1000);
  const nextTs = (): string => `${tsBase}.${String((tsCounter += 1)).padStart(6, '0')}`;
  const fake = {
    state: {
      userGroups: {},
      botUserId: 'UBOT000001',
      botId: 'BBOT000001',
      teamId: 'T00000001',
      notInChannels: [],
      channelMembers: {},
      ...state,
    },
  } as FakeSlack;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = /^\/api\/([a-zA-Z.]+)$/.exec(new URL(req.url ?? '/', 'http://fake').pathname)?.[1];
      const held = method === undefined ? undefined : slow.get(method);
      if (held && held.times > 0) {
        held.times -= 1;
        setTimeout(act, held.ms);
      } else act();
    });
    const act = () => {
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      const body = parseBody(Buffer.concat(chunks).toString('utf8'), req.headers['content-type'] ?? '');
      const apiMatch = /^\/api\/([a-zA-Z.]+)$/.exec(path);
      const responseMatch = /^\/response\/([A-Za-z0-9_-]+)$/.exec(path);
      if (req.method !== 'POST' || (!apiMatch && !responseMatch))
        return send(res, 404, { ok: false, error: 'not_found' });

      const call: SlackCall = apiMatch
        ? { method: apiMatch[1]!, body, at: Date.now() }
        : { method: 'response_url', responseId: responseMatch![1]!, body, at: Date.now() };
      if (downUntil !== undefined && Date.now() < downUntil) {
        rejected.push({ ...call, status: 503 });
        return send(res, 503, { ok: false, error: 'service_unavailable' });
      }
      const key = apiMatch ? `api:${call.method}` : `response:${call.responseId}`;
      const injected = failures.get(key);
      if (injected && injected.times > 0) {
        injected.times -= 1;
        rejected.push({ ...call, status: injected.failure.status });
        if (injected.failure.status === 429) {
          res.writeHead(429, {
            'content-type': 'application/json',
            'retry-after': String(injected.failure.retryAfter),
          });
          return void res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        }
        return send(res, 500, { ok: false, error: 'internal_error' });
      }

      if (responseMatch) {
        const error = blocksError(body);
        if (error) call.error = error;
        calls.push(call);
        // Response URLs answer plain text, as Slack's do.
        res.writeHead(error ? 400 : 200, { 'content-type': 'text/plain' });
        return void res.end(error ?? 'ok');
      }

      const token =
        /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ??
        (typeof body.token === 'string' ? body.token : undefined);
      const answer =
        call.method === 'apps.connections.open'
          ? openConnection(fake.state, token)
          : token === FAKE_SLACK_TOKEN
            ? answerMethod(fake.state, call.method, body, nextTs)
            : { ok: false, error: token ? 'invalid_auth' : 'not_authed' };
      if (answer.ok === false) call.error = String(answer.error);
      calls.push(call);
      send(res, 200, answer);
    };
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;

  return Object.assign(fake, {
    url,
    apiUrl: `${url}api/`,
    responseUrlPrefix: `${url}response/`,
    calls,
    rejected,
    responseUrl: (id: string) => `${url}response/${id}`,
    callsOf: (method: string) => calls.filter((c) => c.method === method),
    failNext: (method: string, times: number, failure: SlackFailure) =>
      void failures.set(`api:${method}`, { times, failure }),
    slowNext: (method: string, times: number, ms: number) => void slow.set(method, { times, ms }),
    failNextResponse: (id: string, times: number, failure: SlackFailure) =>
      void failures.set(`response:${id}`, { times, failure }),
    downUntil: (until: number | undefined) => void (downUntil = until),
    waitFor: (predicate: (call: SlackCall) => boolean, timeoutMs = 5000) => waitFor(calls, predicate, timeoutMs),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  });
}

function answerMethod(
  state: FakeSlackState,
  method: string,
  body: Record<string, unknown>,
  nextTs: () => string,
): Record<string, unknown> {
  switch (method) {
    case 'auth.test':
      return {
        ok: true,
        url: 'https://fake.slack.com/',
        team: 'fake',
        user: 'imagestream',
        team_id: state.teamId,
        user_id: state.botUserId,
        bot_id: state.botId,
      };
    case 'chat.postMessage': {
      if (state.notInChannels.includes(String(body.channel))) return { ok: false, error: 'not_in_channel' };
      const problem = messageError(body);
      if (problem) return { ok: false, error: problem };
      const ts = nextTs();
      return {
        ok: true,
        channel: body.channel,
        ts,
        message: { type: 'message', text: body.text, ts, bot_id: state.botId },
      };
    }
    case 'chat.update': {
      if (typeof body.ts !== 'string' || body.ts === '') return { ok: false, error: 'message_not_found' };
      const problem = messageError(body);
      if (problem) return { ok: false, error: problem };
      return { ok: true, channel: body.channel, ts: body.ts, text: body.text };
    }
    case 'chat.postEphemeral': {
      if (typeof body.user !== 'string' || body.user === '') return { ok: false, error: 'user_not_in_channel' };
      const problem = messageError(body);
      if (problem) return { ok: false, error: problem };
      return { ok: true, message_ts: nextTs() };
    }
    case 'views.publish': {
      // The App Home: a view of type home, up to 100 blocks (messages: 50), for one user.
      if (typeof body.user_id !== 'string' || !/^[UW][A-Z0-9]+$/.test(body.user_id))
        return { ok: false, error: 'user_not_found' };
      const view = body.view;
      if (!isObject(view) || view.type !== 'home') return { ok: false, error: 'invalid_arguments' };
      const problem = blocksError({ blocks: view.blocks }, 100);
      if (problem) return { ok: false, error: problem };
      const id = `V${String(nextTs()).replace('.', '')}`;
      return { ok: true, view: { ...view, id, team_id: state.teamId, hash: id, app_id: 'A00000001' } };
    }
    case 'conversations.members':
      return conversationsMembers(state, body);
    case 'usergroups.users.list': {
      const users = state.userGroups[String(body.usergroup ?? '')];
      return users ? { ok: true, users } : { ok: false, error: 'no_such_subteam' };
    }
    default:
      return { ok: false, error: 'unknown_method' };
  }
}

/**
 * conversations.members as Slack documents it: `limit` (default 100, at most 999) members per page,
 * an opaque `cursor`, and `response_metadata.next_cursor` empty on the last page.
 */
function conversationsMembers(state: FakeSlackState, body: Record<string, unknown>): Record<string, unknown> {
  const members = state.channelMembers[String(body.channel ?? '')];
  if (!members) return { ok: false, error: 'channel_not_found' };
  const limit = body.limit === undefined || body.limit === '' ? 100 : Number(body.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 999) return { ok: false, error: 'invalid_limit' };
  let offset = 0;
  if (typeof body.cursor === 'string' && body.cursor !== '') {
    const decoded = /^offset:(\d+)$/.exec(Buffer.from(body.cursor, 'base64').toString('utf8'));
    if (!decoded) return { ok: false, error: 'invalid_cursor' };
    offset = Number(decoded[1]);
  }
  const next = offset + limit < members.length ? Buffer.from(`offset:${offset + limit}`).toString('base64') : '';
  return { ok: true, members: members.slice(offset, offset + limit), response_metadata: { next_cursor: next } };
}

// Only an app-level token may open a Socket Mode connection, as on Slack.
function openConnection(state: FakeSlackState, token: string | undefined): Record<string, unknown> {
  if (!token) return { ok: false, error: 'not_authed' };
  if (!token.startsWith('xapp-')) return { ok: false, error: 'not_allowed_token_type' };
  if (!state.socketMode || token !== state.socketMode.appToken) return { ok: false, error: 'invalid_auth' };
  return { ok: true, url: state.socketMode.url };
}

function messageError(body: Record<string, unknown>): string | undefined {
  if (typeof body.channel !== 'string' || body.channel === '') return 'channel_not_found';
  if ((typeof body.text !== 'string' || body.text === '') && !Array.isArray(body.blocks)) return 'no_text';
  return blocksError(body);
}

// The limits Slack enforces on the blocks the bot sends (it answers `invalid_blocks`).
function blocksError(body: Record<string, unknown>, maxBlocks = 50): string | undefined {
  if (body.blocks === undefined) return typeof body.text === 'string' && body.text !== '' ? undefined : 'no_text';
  if (!Array.isArray(body.blocks) || body.blocks.length > maxBlocks) return 'invalid_blocks';
  const textOf = (node: unknown): unknown => (isObject(node) ? node.text : undefined);
  const tooLong = (text: unknown, max: number): boolean =>
    typeof text !== 'string' || text.length === 0 || text.length > max;
  for (const block of body.blocks as unknown[]) {
    if (!isObject(block)) return 'invalid_blocks';
    const elements = Array.isArray(block.elements) ? (block.elements as unknown[]) : [];
    if (block.type === 'section' && block.text !== undefined && tooLong(textOf(block.text), 3000))
      return 'invalid_blocks';
    if (block.type === 'header' && tooLong(textOf(block.text), 150)) return 'invalid_blocks';
    if (block.type === 'context' && (elements.length === 0 || elements.length > 10)) return 'invalid_blocks';
    for (const el of block.type === 'actions' ? elements : []) {
      if (!isObject(el) || el.type !== 'button') continue;
      if (tooLong(textOf(el.text), 75) || (el.value !== undefined && tooLong(el.value, 2000))) return 'invalid_blocks';
    }
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType.includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : { _raw: raw };
    } catch {
      return { _raw: raw };
    }
  }
  const body: Record<string, unknown> = Object.fromEntries(new URLSearchParams(raw));
  for (const field of JSON_FIELDS) {
    if (typeof body[field] === 'string') {
      try {
        body[field] = JSON.parse(body[field] as string);
      } catch {
        // Left as the string it is: the fake then answers invalid_blocks, as Slack would.
      }
    }
  }
  return body;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function waitFor(
  calls: SlackCall[],
  predicate: (call: SlackCall) => boolean,
  timeoutMs: number,
): Promise<SlackCall> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = calls.find(predicate);
    if (found) return found;
    if (Date.now() > deadline)
      throw new Error(`fake Slack: no matching call within ${timeoutMs} ms (${calls.length} calls recorded)`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
