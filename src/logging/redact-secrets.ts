import { stdSerializers } from 'pino';

/** What replaces a secret in a log line or an audit record. */
export const REDACTED = '[redacted]';

// Field names compared lowercase with every non-alphanumeric dropped, so `x-slack-signature`,
// `SLACK_BOT_TOKEN`, `accessToken` and `Authorization` all match whatever their spelling.
const SECRET_NAMES = new Set([
  'authorization',
  'proxyauthorization',
  'xslacksignature',
  'cookie',
  'setcookie',
  'responseurl',
  'password',
  'signingsecret',
  'slacksigningsecret',
]);
const SECRET_SUFFIXES = ['token', 'secret', 'password', 'apikey'];

/** True when a field of that name holds a credential (token, authorization, signing secret, response_url...). */
export function isSecretField(name: string): boolean {
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return SECRET_NAMES.has(key) || SECRET_SUFFIXES.some((suffix) => key.endsWith(suffix));
}

// Secrets that show up inside free text: an error message quoting a header, a URL in a message.
const SECRET_PATTERNS: Array<[RegExp, string]> = [
  [/\bxox[a-z]-[A-Za-z0-9-]+/g, REDACTED], // Slack bot, user and app-level tokens
  [/\bxapp-[A-Za-z0-9-]+/g, REDACTED],
  [/\bya29\.[A-Za-z0-9._-]+/g, REDACTED], // Google OAuth access tokens
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  // A response_url is itself a credential (anyone holding it may post for 30 minutes): keep the host only.
  [/(https:\/\/hooks\.slack\.com)\/[^\s"'<>]+/g, `$1/${REDACTED}`],
  [/([?&](?:token|access_token|signature|sig|key)=)[^&\s"'<>]+/gi, `$1${REDACTED}`],
];

/** The text with every recognisable credential (Slack/Google tokens, bearer headers, hook URLs) replaced. */
export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

const MAX_DEPTH = 12;

/**
 * A copy of `value` with secret fields replaced at any depth and secrets inside strings redacted.
 * Errors become pino's serialized form first, since their own fields (a request config with an
 * Authorization header, say) would otherwise be written unchecked. The input is never mutated.
 */
export function redactSecrets(value: unknown): unknown {
  return walk(value, 0, new WeakSet());
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  try {
    if (value instanceof Error) return walk(stdSerializers.err(value), depth, seen);
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return walk(toJSON.call(value), depth + 1, seen);
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1, seen));
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      out[key] = isSecretField(key) && field !== undefined && field !== null ? REDACTED : walk(field, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}
