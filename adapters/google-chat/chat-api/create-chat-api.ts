/**
 * The Google Chat API client of the adapter: googleapis' `chat` v1 at CHAT_API_ENDPOINT, with app
 * authentication. The per-API entry point is imported (as src/google/google-clients.ts does): all
 * of `googleapis` takes over a second to load.
 */
import { auth, chat, type chat_v1 } from 'googleapis/build/src/apis/chat';
import type { GlobalOptions } from 'googleapis-common';
import { googleRequestOptions } from '../../../src/google/google-request-options';

/**
 * App authentication: a Chat app calls the API as itself with this scope
 * (https://developers.google.com/workspace/chat/authenticate-authorize-chat-app).
 */
export const CHAT_BOT_SCOPE = 'https://www.googleapis.com/auth/chat.bot';

/** How to reach the Chat API. */
export interface ChatApiOptions {
  /** Base URL, e.g. `https://chat.googleapis.com/` (CHAT_API_ENDPOINT; a loopback fake in tests). */
  endpoint: string;
  /** A fixed OAuth access token (GOOGLE_OAUTH_ACCESS_TOKEN); undefined = ADC with the chat.bot scope. */
  accessToken?: string;
  /** Timeout of one request, in ms. */
  timeoutMs: number;
  /** The fetch the client uses; default Node's global fetch. */
  fetch?: typeof fetch;
}

/**
 * Creates the client; nothing is contacted until a method is called. It makes one attempt per
 * call: the messenger retries with its own backoff (a clock and sleep tests inject), and the alert
 * outbox retries through BullMQ after pacing the space for every replica, so retries inside gaxios
 * would only double the waits and hide the 429s the outbox must see.
 */
export function createChatApi(options: ChatApiOptions): chat_v1.Chat {
  const base = googleRequestOptions(
    { timeoutMs: options.timeoutMs, ...(options.fetch ? { fetch: options.fetch } : {}) },
    chatAuth(options.accessToken),
    options.endpoint,
  );
  return chat({ version: 'v1', ...base, retryConfig: { retry: 0, noResponseRetries: 0 } });
}

/** A fixed token becomes an OAuth2 client that never refreshes (as src/google does); otherwise ADC. */
function chatAuth(accessToken: string | undefined): GlobalOptions['auth'] {
  if (accessToken === undefined) return new auth.GoogleAuth({ scopes: [CHAT_BOT_SCOPE] });
  const client = new auth.OAuth2();
  // A far expiry: without one the client would try to refresh, which it cannot do.
  client.setCredentials({ access_token: accessToken, expiry_date: Date.now() + 365 * 24 * 3600e3 });
  return client;
}
