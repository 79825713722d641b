/**
 * google-auth-library's verification errors, as short reasons fit for a log line. Its messages
 * carry the whole token or its payload ("Invalid token signature: eyJ…"), so only the reason is
 * kept, matched on the message's start (oauth2client.js, verifySignedJwtWithCertsAsync).
 */
const REASONS: Array<[prefix: string, reason: string]> = [
  ['Wrong number of segments', 'malformed token'],
  ["Can't parse token", 'malformed token'],
  ['No pem found', 'unknown signing key'],
  ['Invalid token signature', 'bad signature'],
  ['No issue time', 'no iat'],
  ['No expiration time', 'no exp'],
  ['iat field', 'invalid iat'],
  ['exp field', 'invalid exp'],
  ['Expiration time too far', 'exp too far in the future'],
  ['Token used too early', 'not valid yet (iat)'],
  ['Token used too late', 'expired'],
  ['Invalid issuer', 'wrong issuer'],
  ['Wrong recipient', 'wrong audience'],
];

export function refusalReasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message : '';
  return REASONS.find(([prefix]) => message.startsWith(prefix))?.[1] ?? 'the token did not verify';
}
