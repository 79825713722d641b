/**
 * Bearer tokens as Google Chat sends them, signed with a test key (RS256, `kid` in the header),
 * for tests that run the real verification (google-auth-library) against the certificate fake
 * (test/fakes/google-chat-certs.ts). https://developers.google.com/workspace/chat/verify-requests-from-chat
 */
import { createSign } from 'node:crypto';
import { generate } from 'selfsigned';

/** A signing key and its self-signed X.509 certificate (what Google publishes per kid). */
export interface TestSigningKey {
  kid: string;
  privateKeyPem: string;
  certificatePem: string;
}

/** A fresh RSA key and certificate (2048 bits: what Google uses; about 100 ms). */
export async function testSigningKey(kid: string): Promise<TestSigningKey> {
  const pems = await generate([{ name: 'commonName', value: 'chat@system.gserviceaccount.com' }], {
    keySize: 2048,
    algorithm: 'sha256',
  });
  return { kid, privateKeyPem: pems.private, certificatePem: pems.cert };
}

export const CHAT_ISSUER = 'chat@system.gserviceaccount.com';
export const TEST_PROJECT_NUMBER = '123456789012';

/** The claims of a token; times in epoch seconds. */
export type TokenClaims = Record<string, unknown>;

/** A project-number token (JWT from chat@system…) valid now for `aud`, with `over` applied. */
export function chatJwtClaims(over: TokenClaims = {}, nowSec = Math.floor(Date.now() / 1000)): TokenClaims {
  return { iss: CHAT_ISSUER, aud: TEST_PROJECT_NUMBER, iat: nowSec - 10, exp: nowSec + 3600, ...over };
}

/** An endpoint-URL token (a Google OIDC ID token of the Chat service account) for `aud`, with `over` applied. */
export function chatIdTokenClaims(
  aud: string,
  over: TokenClaims = {},
  nowSec = Math.floor(Date.now() / 1000),
): TokenClaims {
  return {
    iss: 'https://accounts.google.com',
    aud,
    azp: '113000000000000000000',
    sub: '113000000000000000000',
    email: CHAT_ISSUER,
    email_verified: true,
    iat: nowSec - 10,
    exp: nowSec + 3600,
    ...over,
  };
}

/** `header.payload.signature`, RS256 with `key`; `kid` defaults to the key's. */
export function signToken(
  key: Pick<TestSigningKey, 'kid' | 'privateKeyPem'>,
  claims: TokenClaims,
  kid = key.kid,
): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = `${part({ alg: 'RS256', typ: 'JWT', kid })}.${part(claims)}`;
  const signature = createSign('RSA-SHA256').update(signed).end().sign(key.privateKeyPem, 'base64url');
  return `${signed}.${signature}`;
}

/** The Authorization header of a request from Chat. */
export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}
