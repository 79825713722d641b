import { z } from 'zod';

/**
 * Who did something, on which platform: `slack:U012AB3CD`, later `gchat:users/123456789`.
 * The prefix keeps the platforms' id spaces apart (an approver on one platform is nobody on the
 * other), and the local part allows only what every platform's ids use, so a principal id is safe
 * in a Redis key, an audit line and a log field. Each adapter checks its own local shape on the way in.
 */
export const principalIdSchema = z
  .string()
  .max(200)
  .regex(/^[a-z][a-z0-9-]{1,15}:[A-Za-z0-9_./@+-]{1,180}$/, 'not a principal id (platform:id)')
  .brand<'PrincipalId'>();

export type PrincipalId = z.infer<typeof principalIdSchema>;

/** Builds a principal id from an adapter's platform name and its own id (validated). */
export function principalId(platform: string, localId: string): PrincipalId {
  return principalIdSchema.parse(`${platform}:${localId}`);
}

/** The platform part of a principal id (`slack`). */
export function platformOf(id: PrincipalId): string {
  return id.slice(0, id.indexOf(':'));
}

/** The platform's own id (`U012AB3CD`), for the adapter that owns the principal. */
export function localIdOf(id: PrincipalId): string {
  return id.slice(id.indexOf(':') + 1);
}
