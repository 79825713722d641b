/**
 * Chat's bearer tokens through the real verification (google-auth-library) against a certificate
 * endpoint on loopback that serves a test key's certificate, as Google serves its own.
 */
import { createChatRequestVerifier } from '../../../adapters/google-chat/verify/chat-request-verifier';
import { type CertsFake, startCertsFake } from '../../fakes/google-chat-certs';
import {
  TEST_PROJECT_NUMBER,
  type TestSigningKey,
  bearer,
  chatIdTokenClaims,
  chatJwtClaims,
  signToken,
  testSigningKey,
} from '../../support/google-chat-sign';

const ENDPOINT = 'https://bot.example.com/google-chat/events';

let key: TestSigningKey;
let other: TestSigningKey;
let certs: CertsFake;
beforeAll(async () => {
  [key, other] = await Promise.all([testSigningKey('key-1'), testSigningKey('key-2')]);
});
beforeEach(async () => {
  certs = await startCertsFake({ [key.kid]: key.certificatePem });
});
afterEach(async () => {
  await certs.close();
});

function verifier(audience = TEST_PROJECT_NUMBER, over: { now?: () => number; timeoutMs?: number } = {}) {
  return createChatRequestVerifier({ audience, certsUrl: certs.url, ...over });
}
const header = (token: string) => bearer(token).authorization;

describe('a project-number audience (JWT from chat@system.gserviceaccount.com)', () => {
  it('accepts a token signed by a published key for the project number', async () => {
    expect(await verifier().verify(header(signToken(key, chatJwtClaims())))).toEqual({ ok: true });
  });

  it.each([
    [
      'a forged signature (another key, the published kid)',
      () => signToken({ ...other, kid: key.kid }, chatJwtClaims()),
      'bad signature',
    ],
    ['another audience', () => signToken(key, chatJwtClaims({ aud: '999999999999' })), 'wrong audience'],
    [
      'another issuer',
      () => signToken(key, chatJwtClaims({ iss: 'someone@example.iam.gserviceaccount.com' })),
      'wrong issuer',
    ],
    [
      'an expired token',
      () => signToken(key, chatJwtClaims({ iat: nowSec() - 7200, exp: nowSec() - 3600 })),
      'expired',
    ],
    ['a token without exp', () => signToken(key, chatJwtClaims({ exp: undefined })), 'no exp'],
    ['an ID token for the URL', () => signToken(key, chatIdTokenClaims(ENDPOINT)), 'wrong issuer'],
  ])('refuses %s with 401, and the reason holds no token', async (_name, token, reason) => {
    const t = token();
    const verdict = await verifier().verify(header(t));
    expect(verdict).toEqual({ ok: false, status: 401, reason });
    expect(JSON.stringify(verdict)).not.toContain(t.split('.')[2]);
  });

  it.each([
    [undefined, 'no Authorization header'],
    ['Basic dXNlcjpwYXNz', 'not a bearer JWT'],
    ['Bearer not-a-jwt', 'not a bearer JWT'],
  ])('refuses the header %p', async (value, reason) => {
    expect(await verifier().verify(value)).toEqual({ ok: false, status: 401, reason });
  });

  it('refuses a GOOGLE_CHAT_AUDIENCE that is neither digits nor an https URL', () => {
    expect(() => verifier('http://bot.example.com/')).toThrow(/GOOGLE_CHAT_AUDIENCE/);
  });
});

describe('an endpoint-URL audience (Google OIDC ID token of the Chat service account)', () => {
  it('accepts an ID token for the URL whose verified email is the Chat service account', async () => {
    expect(await verifier(ENDPOINT).verify(header(signToken(key, chatIdTokenClaims(ENDPOINT))))).toEqual({ ok: true });
  });

  it.each([
    ['another email', { email: 'someone@example.com' }, 'the ID token is not the Chat service account'],
    ['an unverified email', { email_verified: false }, 'the ID token is not the Chat service account'],
    ['another audience', { aud: 'https://other.example.com/' }, 'wrong audience'],
    ['the Chat JWT issuer', { iss: 'chat@system.gserviceaccount.com' }, 'wrong issuer'],
  ])('refuses %s', async (_name, over, reason) => {
    const token = signToken(key, chatIdTokenClaims(ENDPOINT, over));
    expect(await verifier(ENDPOINT).verify(header(token))).toEqual({ ok: false, status: 401, reason });
  });
});

describe('the certificates', () => {
  it('are fetched once for concurrent requests and kept for their max-age', async () => {
    let now = 1_000_000;
    const v = verifier(TEST_PROJECT_NUMBER, { now: () => now });
    const token = header(signToken(key, chatJwtClaims()));
    const verdicts = await Promise.all(Array.from({ length: 5 }, () => v.verify(token)));
    expect(verdicts.every((x) => x.ok)).toBe(true);
    expect(certs.requests).toBe(1);
    now += 3_599_000;
    await v.verify(token);
    expect(certs.requests).toBe(1);
    now += 2_000;
    await v.verify(token);
    expect(certs.requests).toBe(2);
  });

  it('a rotated key is fetched when a token names it; made-up kids refetch at most once a minute', async () => {
    let now = 1_000_000;
    const v = verifier(TEST_PROJECT_NUMBER, { now: () => now });
    await v.verify(header(signToken(key, chatJwtClaims())));
    certs.certs = { [key.kid]: key.certificatePem, [other.kid]: other.certificatePem };
    expect(await v.verify(header(signToken(other, chatJwtClaims())))).toEqual({ ok: true });
    expect(certs.requests).toBe(2);

    const forged = Array.from({ length: 20 }, (_, i) => header(signToken(other, chatJwtClaims(), `made-up-${i}`)));
    for (const token of forged) {
      expect(await v.verify(token)).toEqual({ ok: false, status: 401, reason: 'unknown signing key' });
    }
    expect(certs.requests).toBe(2);
    now += 60_000;
    await v.verify(forged[0]!);
    expect(certs.requests).toBe(3);
  });

  it('unreachable: 503 (the sender is not at fault); once fetched, the last map is used through an outage', async () => {
    let now = 1_000_000;
    const token = header(signToken(key, chatJwtClaims()));
    certs.mode = 'error';
    expect(await verifier().verify(token)).toMatchObject({ ok: false, status: 503 });

    certs.mode = 'ok';
    certs.cacheControl = 'public, max-age=60';
    const v = verifier(TEST_PROJECT_NUMBER, { now: () => now });
    await v.verify(token);
    certs.mode = 'error';
    now += 61_000;
    expect(await v.verify(token)).toEqual({ ok: true });
  });

  it('a stalled endpoint times out: 503', async () => {
    certs.mode = 'stall';
    const verdict = await verifier(TEST_PROJECT_NUMBER, { timeoutMs: 200 }).verify(
      header(signToken(key, chatJwtClaims())),
    );
    expect(verdict).toEqual({ ok: false, status: 503, reason: 'cannot fetch the signing certificates: timed out' });
  });
});

function nowSec(): number {
  return Math.floor(Date.now() / 1000);
}
