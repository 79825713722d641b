import { z } from 'zod';

// Google's tokens are about 1 KB; node:http caps all headers at 16 KB anyway.
const MAX_TOKEN_CHARS = 8 * 1024;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** The token of `Authorization: Bearer TOKEN` when it has a JWT's shape; undefined otherwise. */
export function bearerTokenOf(authorization: string | undefined): string | undefined {
  const match = /^Bearer +(\S+)\s*$/i.exec(authorization ?? '');
  const token = match?.[1];
  return token && token.length <= MAX_TOKEN_CHARS && JWT_SHAPE.test(token) ? token : undefined;
}

const headerSchema = z.object({ kid: z.string().min(1).max(200) });

/**
 * The `kid` of a JWT's header, read without trusting it: only to tell whether the signing key may
 * be one we have not fetched yet. The signature is checked by google-auth-library.
 */
export function keyIdOf(token: string): string | undefined {
  try {
    const header: unknown = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8'));
    const parsed = headerSchema.safeParse(header);
    return parsed.success ? parsed.data.kid : undefined;
  } catch {
    return undefined;
  }
}
