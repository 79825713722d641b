/**
 * Requests exactly as Slack sends them to the bot, for end-to-end tests through Bolt's real
 * signature check: v0 signatures, form-encoded slash commands, and `payload=` interactions.
 */
import { createHmac } from 'node:crypto';

/** The signing secret the test bots run with (SLACK_SIGNING_SECRET in botEnv): postSigned's default. */
export const SIGNING_SECRET = 'e2e-signing-secret-0123456789';

/** The headers Slack signs a request with. */
export interface SlackSignatureHeaders {
  'X-Slack-Signature': string;
  'X-Slack-Request-Timestamp': string;
}

/**
 * `X-Slack-Signature: v0=` + hex HMAC-SHA256(secret, `v0:TIMESTAMP:BODY`). `timestamp` is in
 * seconds (default now); pass an old one to test the 5-minute replay window.
 */
export function signSlackRequest(
  secret: string,
  body: string,
  timestamp: number = Math.floor(Date.now() / 1000),
): SlackSignatureHeaders {
  const signature = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'X-Slack-Signature': `v0=${signature}`, 'X-Slack-Request-Timestamp': String(timestamp) };
}

/** The fields Slack posts for a slash command (form-encoded). */
export interface SlashCommandFields {
  token: string;
  team_id: string;
  team_domain: string;
  channel_id: string;
  channel_name: string;
  user_id: string;
  user_name: string;
  command: string;
  text: string;
  api_app_id: string;
  is_enterprise_install: string;
  response_url: string;
  trigger_id: string;
}

/** A slash command body, form-encoded as Slack sends it; `text` and `response_url` are what tests usually set. */
export function slashCommandBody(
  fields: Partial<SlashCommandFields> & Pick<SlashCommandFields, 'text' | 'response_url'>,
): string {
  const all: SlashCommandFields = {
    token: 'verification-token-unused',
    team_id: 'T00000001',
    team_domain: 'acme',
    channel_id: 'C00000001',
    channel_name: 'platform',
    user_id: 'U00000001',
    user_name: 'ada',
    command: '/imagestream',
    api_app_id: 'A00000001',
    is_enterprise_install: 'false',
    trigger_id: '1234567890.123456789.abcdef0123456789abcdef0123456789',
    ...fields,
  };
  return new URLSearchParams(Object.entries(all)).toString();
}

/** What a test says about one button click. */
export interface BlockActionInput {
  /** The button's action_id, e.g. imagestream_approve. */
  action_id: string;
  /** The button's value (the request id for approval buttons). */
  value: string;
  /** Who clicked. */
  user_id: string;
  user_name?: string;
  channel_id?: string;
  /** ts of the message that holds the button. */
  message_ts: string;
  response_url: string;
  block_id?: string;
  team_id?: string;
  /** The message's blocks, as Slack echoes them back. */
  blocks?: unknown[];
}

/** The `block_actions` payload Slack sends for a button click in a message. */
export function blockActionsPayload(input: BlockActionInput): Record<string, unknown> {
  const channelId = input.channel_id ?? 'C00000001';
  const teamId = input.team_id ?? 'T00000001';
  const actionTs = `${Math.floor(Date.now() / 1000)}.000200`;
  return {
    type: 'block_actions',
    user: { id: input.user_id, username: input.user_name ?? 'user', name: input.user_name ?? 'user', team_id: teamId },
    api_app_id: 'A00000001',
    token: 'verification-token-unused',
    container: { type: 'message', message_ts: input.message_ts, channel_id: channelId, is_ephemeral: false },
    trigger_id: '1234567890.123456789.abcdef0123456789abcdef0123456789',
    team: { id: teamId, domain: 'acme' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channelId, name: 'platform' },
    message: {
      type: 'message',
      subtype: 'bot_message',
      text: 'approval request',
      ts: input.message_ts,
      bot_id: 'BBOT000001',
      blocks: input.blocks ?? [],
    },
    state: { values: {} },
    response_url: input.response_url,
    actions: [
      {
        type: 'button',
        action_id: input.action_id,
        block_id: input.block_id ?? 'imagestream_approval',
        text: { type: 'plain_text', text: input.action_id.endsWith('deny') ? 'Deny' : 'Approve', emoji: true },
        value: input.value,
        action_ts: actionTs,
      },
    ],
  };
}

/** A button click as Slack posts it: form-encoded, one field `payload` holding the JSON. */
export function blockActionsBody(input: BlockActionInput): string {
  return new URLSearchParams({ payload: JSON.stringify(blockActionsPayload(input)) }).toString();
}

/** The Events API callback Slack sends when a user opens the app's Home tab (a JSON body). */
export function appHomeOpenedBody(user: string): string {
  const eventTs = `${Math.floor(Date.now() / 1000)}.000300`;
  return JSON.stringify({
    token: 'verification-token-unused',
    team_id: 'T00000001',
    api_app_id: 'A00000001',
    type: 'event_callback',
    event_id: `Ev${Math.random().toString(36).slice(2, 12).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    event: {
      type: 'app_home_opened',
      user,
      channel: 'D00000001',
      tab: 'home',
      event_ts: eventTs,
    },
    authorizations: [{ team_id: 'T00000001', user_id: 'UBOT000001', is_bot: true, is_enterprise_install: false }],
  });
}

/** What a test says about a click on a button of the app's Home tab. */
export interface HomeClickInput {
  action_id: string;
  value: string;
  user_id: string;
}

/**
 * The `block_actions` payload of a click in the Home tab: the container is the view, and there is
 * no channel, no message and no response_url (Slack sends none for views).
 */
export function homeBlockActionsBody(input: HomeClickInput): string {
  const payload = {
    type: 'block_actions',
    user: { id: input.user_id, username: 'user', name: 'user', team_id: 'T00000001' },
    api_app_id: 'A00000001',
    token: 'verification-token-unused',
    container: { type: 'view', view_id: 'VHOME00001' },
    trigger_id: '1234567890.123456789.abcdef0123456789abcdef0123456789',
    team: { id: 'T00000001', domain: 'acme' },
    enterprise: null,
    is_enterprise_install: false,
    view: { id: 'VHOME00001', type: 'home', blocks: [], state: { values: {} }, hash: 'h1' },
    actions: [
      {
        type: 'button',
        action_id: input.action_id,
        block_id: 'home_block',
        text: { type: 'plain_text', text: input.action_id, emoji: true },
        value: input.value,
        action_ts: `${Math.floor(Date.now() / 1000)}.000400`,
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** How postSigned signs and sends. */
export interface PostSignedOptions {
  /** SIGNING_SECRET unless told: another secret must be refused. */
  secret?: string;
  /** Epoch seconds of the signature (default now): an old one must be refused. */
  timestamp?: number;
  /** Form-encoded (commands, interactivity) unless told: Events API callbacks are JSON. */
  contentType?: string;
  timeoutMs?: number;
}

/** POSTs `body` to the bot's /slack/events on 127.0.0.1:port, signed as Slack signs it; status and body text. */
export async function postSigned(
  port: number,
  body: string,
  {
    secret = SIGNING_SECRET,
    timestamp,
    contentType = 'application/x-www-form-urlencoded',
    timeoutMs = 15_000,
  }: PostSignedOptions = {},
): Promise<{ status: number; text: string }> {
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...signSlackRequest(secret, body, timestamp) },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: res.status, text: await res.text() };
}
