import { OAuth2Client } from 'google-auth-library';
import { bearerTokenOf, keyIdOf } from './bearer-token';
import { CertificateCache, CertificatesUnavailable, type CertificateCacheOptions } from './certificate-cache';
import { type ChatAudience, chatAudienceOf } from './chat-audience';
import { refusalReasonOf } from './refusal-reason';

/** What a request's bearer token proved. */
export type ChatVerification =
  | { ok: true }
  /** 401: not from Chat (or not for this app); 503: it cannot be told now (Google's certificates unreachable). */
  | { ok: false; status: 401 | 503; reason: string };

export interface ChatVerifierOptions extends Omit<CertificateCacheOptions, 'url'> {
  /** GOOGLE_CHAT_AUDIENCE: the project number, or the endpoint's https:// URL. */
  audience: string;
  /** GOOGLE_CHAT_CERTS_URL: where the `{kid: PEM}` map is fetched; default Google's for the audience's kind. */
  certsUrl?: string;
}

/** Checks the bearer token of a request to the Chat endpoint. */
export interface ChatRequestVerifier {
  verify(authorization: string | undefined): Promise<ChatVerification>;
}

/**
 * Verifies Chat's bearer tokens with google-auth-library (signature, expiry with its 5-minute skew,
 * issuer, audience) against Google's published certificates, and for an OIDC ID token that it is
 * the Chat service account's (https://developers.google.com/workspace/chat/verify-requests-from-chat).
 * Never throws; the reason it gives never holds the token.
 */
export function createChatRequestVerifier(options: ChatVerifierOptions): ChatRequestVerifier {
  const rule = chatAudienceOf(options.audience);
  const certs = new CertificateCache({ ...options, url: options.certsUrl ?? rule.certsUrl });
  // Only its offline verification is used: no credentials, no network.
  const client = new OAuth2Client();
  return {
    async verify(authorization) {
      const token = bearerTokenOf(authorization);
      if (!token) return refused(authorization ? 'not a bearer JWT' : 'no Authorization header');
      try {
        return await verifyToken(token, rule, certs, client);
      } catch (err) {
        if (err instanceof CertificatesUnavailable) return { ok: false, status: 503, reason: err.message };
        return refused(refusalReasonOf(err));
      }
    },
  };
}

async function verifyToken(
  token: string,
  rule: ChatAudience,
  cache: CertificateCache,
  client: OAuth2Client,
): Promise<ChatVerification> {
  const kid = keyIdOf(token);
  if (!kid) return refused('no key id in the token header');
  let certs = await cache.certificates();
  if (!Object.hasOwn(certs, kid)) certs = await cache.afterUnknownKid();
  const ticket = await client.verifySignedJwtWithCertsAsync(token, certs, rule.audience, rule.issuers);
  if (rule.email) {
    const payload = ticket.getPayload();
    if (payload?.email !== rule.email || payload.email_verified !== true) {
      return refused('the ID token is not the Chat service account');
    }
  }
  return { ok: true };
}

function refused(reason: string): ChatVerification {
  return { ok: false, status: 401, reason };
}
