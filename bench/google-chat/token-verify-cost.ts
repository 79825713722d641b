/**
 * What verifying one Chat bearer token costs, alone (no HTTP, no event): the google-auth-library
 * call the bot and the bare handler make, and beside it the RS256 signature check by itself with
 * node:crypto, once against the PEM certificate (parsed on every call, as the library is handed
 * it) and once against a public key parsed beforehand. Serial, in this process: the time per call
 * is CPU on one core. Last, the library handed a KeyObject parsed once instead of the PEM: its
 * types say PEM or JWK, but it passes the key straight to node:crypto's verify, which takes either;
 * this measures what parsing the certificates once per fetch would save, nothing in the bot does it.
 * One JSON line.
 */
import { createPublicKey, createVerify, type KeyObject } from 'node:crypto';
import { OAuth2Client } from 'google-auth-library';
import {
  CHAT_ISSUER,
  TEST_PROJECT_NUMBER,
  type TestSigningKey,
  chatJwtClaims,
  signToken,
} from '../../test/support/google-chat-sign';
import { round2 } from '../stats';

const ITERATIONS = Number(process.env.BENCH_VERIFY_N ?? 2000);

/** Mean µs per call of `task`, after a tenth as many warm-up calls. */
async function microsPerCall(task: () => unknown): Promise<number> {
  for (let i = 0; i < ITERATIONS / 10; i++) await task();
  const started = performance.now();
  for (let i = 0; i < ITERATIONS; i++) await task();
  return round2(((performance.now() - started) * 1000) / ITERATIONS);
}

export async function benchTokenVerifyCost(key: TestSigningKey): Promise<void> {
  const token = signToken(key, chatJwtClaims());
  const certs = { [key.kid]: key.certificatePem };
  const client = new OAuth2Client();
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const signed = `${header}.${payload}`;
  const sig = Buffer.from(signature, 'base64url');
  const publicKey: KeyObject = createPublicKey(key.certificatePem);
  const rs256 = (k: string | KeyObject) => {
    if (!createVerify('RSA-SHA256').update(signed).verify(k, sig)) throw new Error('signature did not verify');
  };
  const library = await microsPerCall(() =>
    client.verifySignedJwtWithCertsAsync(token, certs, TEST_PROJECT_NUMBER, [CHAT_ISSUER]),
  );
  const libraryWithKey = await microsPerCall(() =>
    client.verifySignedJwtWithCertsAsync(
      token,
      { [key.kid]: publicKey } as unknown as Record<string, string>,
      TEST_PROJECT_NUMBER,
      [CHAT_ISSUER],
    ),
  );
  const withCertificate = await microsPerCall(() => rs256(key.certificatePem));
  const withKey = await microsPerCall(() => rs256(publicKey));
  console.log(
    JSON.stringify({
      bench: 'google-chat-token-verify',
      unit: 'us per token',
      iterations: ITERATIONS,
      googleAuthLibrary: library,
      googleAuthLibraryWithParsedKey: libraryWithKey,
      rs256WithPemCertificate: withCertificate,
      rs256WithParsedKey: withKey,
      libraryTokensPerSecondOneCore: Math.round(1e6 / library),
    }),
  );
}
