import { UsageError } from '../../../src/errors';

/**
 * Who signs Chat's requests, and for what audience, per the app's "Authentication audience" setting
 * (https://developers.google.com/workspace/chat/verify-requests-from-chat):
 * - Project number: a JWT issued by chat@system.gserviceaccount.com whose `aud` is the project
 *   number, signed by that service account's keys (its x509 certificates).
 * - HTTP endpoint URL: a Google-signed OIDC ID token whose `aud` is the endpoint URL and whose
 *   `email` is chat@system.gserviceaccount.com, signed by Google's OAuth2 keys.
 */
export const CHAT_SERVICE_ACCOUNT = 'chat@system.gserviceaccount.com';

/** Google's certificates for the Chat service account's JWTs (a `{kid: PEM certificate}` map). */
export const CHAT_JWT_CERTS_URL = `https://www.googleapis.com/service_accounts/v1/metadata/x509/${CHAT_SERVICE_ACCOUNT}`;

/** Google's certificates for its OIDC ID tokens, in the PEM map form (v1; v3 is the JWK form). */
export const GOOGLE_OIDC_CERTS_URL = 'https://www.googleapis.com/oauth2/v1/certs';

/** The issuers of a Google ID token (https://developers.google.com/identity/openid-connect/openid-connect#validatinganidtoken). */
export const GOOGLE_OIDC_ISSUERS = ['accounts.google.com', 'https://accounts.google.com'];

/** How a bearer token is checked: its audience, its issuers, where its certificates are, and whose it must be. */
export interface ChatAudience {
  kind: 'project-number' | 'endpoint-url';
  /** The `aud` the token must carry. */
  audience: string;
  issuers: string[];
  /** Google's default certificate URL for this kind of token. */
  certsUrl: string;
  /** The `email` the token must carry (verified): only for OIDC ID tokens. */
  email?: string;
}

/** GOOGLE_CHAT_AUDIENCE as a verification rule: all digits = a project number; an https:// URL = the endpoint. */
export function chatAudienceOf(value: string): ChatAudience {
  if (/^\d{1,30}$/.test(value)) {
    return { kind: 'project-number', audience: value, issuers: [CHAT_SERVICE_ACCOUNT], certsUrl: CHAT_JWT_CERTS_URL };
  }
  if (/^https:\/\/\S+$/.test(value)) {
    return {
      kind: 'endpoint-url',
      audience: value,
      issuers: GOOGLE_OIDC_ISSUERS,
      certsUrl: GOOGLE_OIDC_CERTS_URL,
      email: CHAT_SERVICE_ACCOUNT,
    };
  }
  throw new UsageError('invalid GOOGLE_CHAT_AUDIENCE: use the project number (digits) or the https:// endpoint URL');
}
