/**
 * What a bot needs to serve Google Chat in a test, on loopback: Google's certificate endpoint
 * serving a test key's certificate, the Chat API fake, the bot's environment for both, and a
 * client that sends events to the bot as Chat does (signed project-number JWT, JSON body).
 */
import { GOOGLE_CHAT_EVENTS_PATH } from '../../adapters/google-chat';
import { type CertsFake, startCertsFake } from '../fakes/google-chat-certs';
import { type FakeChatApi, startFakeChatApi, type FakeChatOptions } from '../fakes/google-chat-api';
import { ADA, BOB, type EventUser, SPACE } from './google-chat-events';
import {
  TEST_PROJECT_NUMBER,
  type TestSigningKey,
  bearer,
  chatJwtClaims,
  signToken,
  testSigningKey,
} from './google-chat-sign';

/** Chat's approver (by e-mail) and requester of the end-to-end tests: Bob approves, Ada asks. */
export const CHAT_APPROVER: EventUser = BOB;
export const CHAT_REQUESTER: EventUser = ADA;
export { SPACE as CHAT_SPACE };

export interface ChatRig {
  certs: CertsFake;
  chat: FakeChatApi;
  key: TestSigningKey;
  /** The bot's Google Chat environment (HTTP mode): audience, certificates, Chat API, approvers. */
  env: NodeJS.ProcessEnv;
  /** POSTs `event` to the bot's /google-chat/events as Chat does; the answer's status and JSON body. */
  send(port: number, event: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function startChatRig(options: FakeChatOptions = {}): Promise<ChatRig> {
  const key = await testSigningKey('test-kid-1');
  const certs = await startCertsFake({ [key.kid]: key.certificatePem });
  const chat = await startFakeChatApi(options);
  chat.addSpace(SPACE);
  return {
    certs,
    chat,
    key,
    env: {
      GOOGLE_CHAT_AUDIENCE: TEST_PROJECT_NUMBER,
      GOOGLE_CHAT_CERTS_URL: certs.url,
      CHAT_API_ENDPOINT: chat.url,
      GOOGLE_CHAT_COMMAND_ID: '1',
      GOOGLE_CHAT_APPROVERS: `${CHAT_APPROVER.email},${CHAT_REQUESTER.name}`,
    },
    async send(port, event) {
      const res = await fetch(`http://127.0.0.1:${port}${GOOGLE_CHAT_EVENTS_PATH}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Google-Dynamite',
          ...bearer(signToken(key, chatJwtClaims())),
        },
        body: JSON.stringify(event),
      });
      const text = await res.text();
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        body = { text };
      }
      return { status: res.status, body };
    },
    async close() {
      await Promise.all([certs.close(), chat.close()]);
    },
  };
}
